using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PredictiveLeads.Api.Auth;
using PredictiveLeads.Api.Contracts;
using PredictiveLeads.Api.Hosting;
using PredictiveLeads.Api.Storage;
using PredictiveLeads.Scoring.Funnel;
using PredictiveLeads.Scoring.Live;
using PredictiveLeads.Scoring.Recording;

namespace PredictiveLeads.Api.Leads;

/// <summary>Scoring leads one at a time or in batches, and a lead's score history.</summary>
public static class LeadsApi
{
    public static RouteGroupBuilder MapLeadsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/leads").WithTags("Leads").RequireAuthorization(Policies.Score).RequireRateLimiting(RateLimits.PerKey);
        group.MapPost("/score", ScoreLead).WithName("ScoreLead")
            .WithSummary("Score one lead: MQL/SQL probabilities, grades, reasons, and the rule score and stage side by side.")
            .Accepts<LeadScoreRequest>("application/json");
        group.MapPost("/score-batch", ScoreBatch).WithName("ScoreLeadBatch")
            .WithSummary("Score up to the batch limit of leads in request order; a bad item gets its own error, not a failed batch. JSON, or text/csv in and out.")
            .Accepts<LeadBatchRequest>("application/json", "text/csv")
            .Produces<LeadBatchResponse>(StatusCodes.Status200OK, "application/json", "text/csv")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status415UnsupportedMediaType).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/{id}/history", History).WithName("LeadHistory").WithSummary("A lead's logged scores over time and its recorded outcomes.");
        return group;
    }

    public static async Task<Results<JsonOk<LeadScoreResponse>, ValidationProblem, ProblemHttpResult>> ScoreLead(
        HttpRequest http, bool? explain, ModelHost models, ScoringRounds rounds, ClaimsPrincipal user, CancellationToken cancellation)
    {
        var request = await JsonBody.ReadAsync(http, ApiJsonContext.Default.LeadScoreRequest);
        if (models.Current is not { } model)
            return NoModel.Problem(models);
        if (request is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["a JSON object with \"fields\" is required"] });
        var round = await rounds.StartAsync(model, [request.Id], explain ?? true, user, cancellation);
        var (response, score, errors) = Score(model, request, explain ?? true, "", round.Previous);
        if (response is null)
            return TypedResults.ValidationProblem(errors!, title: "The lead has invalid fields");
        round.Add(response, score!);
        await round.CommitAsync(cancellation);
        return new JsonOk<LeadScoreResponse>(response, ApiJsonContext.Default.LeadScoreResponse);
    }

    public static async Task<IResult> ScoreBatch(HttpRequest http, bool? explain, ModelHost models, ScoringRounds rounds, IOptions<ScoringOptions> scoring,
        ClaimsPrincipal user)
    {
        if (models.Current is not { } model)
            return NoModel.Problem(models);
        var mediaType = http.ContentType?.Split(';')[0].Trim();
        if (string.Equals(mediaType, "text/csv", StringComparison.OrdinalIgnoreCase))
            return await CsvBatch.Score(http, model, rounds, scoring.Value, user);
        if (!http.HasJsonContentType())
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content type",
                detail: "Send the batch as application/json ({\"leads\": [...]}) or text/csv (a header line of field names).");
        LeadBatchRequest? request;
        try
        {
            request = await http.ReadFromJsonAsync<LeadBatchRequest>(http.HttpContext.RequestAborted);
        }
        catch (System.Text.Json.JsonException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The request body is not valid JSON for this endpoint",
                detail: ProblemExceptionHandler.Describe(e));
        }
        if (request?.Leads is not { } leads)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["leads"] = ["an array of leads is required"] });
        var limit = scoring.Value.BatchLimit;
        if (leads.Count > limit)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["leads"] = [$"has {leads.Count} leads; at most {limit} per batch"] });
        var round = await rounds.StartAsync(model, leads.Select(l => l?.Id), explain ?? true, user, http.HttpContext.RequestAborted);
        var answer = ScoreJsonBatch(leads, explain, model, round);
        await round.CommitAsync(http.HttpContext.RequestAborted);
        return answer;
    }

    private static JsonOk<LeadBatchResponse> ScoreJsonBatch(List<LeadScoreRequest> leads, bool? explain, ActiveModel model, ScoringRound round)
    {
        var results = new List<BatchItemResponse>(leads.Count);
        for (var i = 0; i < leads.Count; i++)
        {
            var lead = leads[i];
            if (lead is null)
            {
                results.Add(new BatchItemResponse(i, null, null, new BatchItemError("The lead is empty", new Dictionary<string, string[]> { [$"leads[{i}]"] = ["is null"] })));
                continue;
            }
            var (response, score, errors) = Score(model, lead, explain ?? true, $"leads[{i}].", round.Previous);
            if (response is null)
            {
                results.Add(new BatchItemResponse(i, lead.Id, null, new BatchItemError("The lead has invalid fields", errors!)));
                continue;
            }
            round.Add(response, score!);
            results.Add(new BatchItemResponse(i, lead.Id, response, null));
        }
        var failed = results.Count(r => r.Error is not null);
        return new JsonOk<LeadBatchResponse>(new LeadBatchResponse(model.QualifiedVersion, results.Count - failed, failed, results), ApiJsonContext.Default.LeadBatchResponse);
    }

    /// <summary>The history of the lead whose id is the path's second-to-last segment (an id may hold an encoded slash).</summary>
    public static async Task<Results<Ok<LeadHistoryResponse>, ValidationProblem>> History(HttpContext http, IPredictionStore store, CancellationToken cancellation)
    {
        var id = PathIds.FromEnd(http, 2);
        if (StoredText.IdProblem(id) is { } problem)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["id"] = [problem] });
        return TypedResults.Ok(await HistoryOf(id, store, cancellation));
    }

    internal static async Task<LeadHistoryResponse> HistoryOf(string id, IPredictionStore store, CancellationToken cancellation)
    {
        var predictions = await store.HistoryAsync(id, cancellation);
        var outcomes = await store.OutcomesAsync(id, cancellation);
        return new LeadHistoryResponse(id,
            [.. predictions.Select(p => new HistoryPoint(p.Time, p.ModelVersion, p.Outcome, p.Probability, p.RulePoints, FunnelStages.Parse(p.RuleStage),
                [.. LoggedReasons.Strongest(p.Reasons).Select(r => new LoggedReasonResponse(r.Field, r.Contribution, ReasonSentences.For(p.Outcome, r.Field, r.Contribution, FieldValue.NotKept)))]))],
            [.. outcomes.Select(o => OutcomeResponse.Stored(o.LeadId, o.Stage, o.ReachedAt, created: false))]);
    }

    /// <summary>Scores one request item with its change since <paramref name="previous"/>, or returns its errors keyed by field (with <paramref name="prefix"/>).</summary>
    internal static (LeadScoreResponse? Response, LeadScore? Score, Dictionary<string, string[]>? Errors) Score(ActiveModel model, LeadScoreRequest request, bool explain,
        string prefix, PreviousScores previous)
    {
        if (!LeadFields.TryRead(request, prefix, out var fields, out var errors))
            return (null, null, errors);
        var lead = model.Leads.Parse(fields, request.Fields?.Numbers);
        if (!lead.IsValid)
            return (null, null, lead.Problems.ToDictionary(p => $"{prefix}fields.{p.Field}", p => new[] { p.Problem }));
        var score = model.Leads.Score(lead, explain);
        if (previous.Unreadable is { } why && request.Id is not null)
            score = score with { Warnings = [.. score.Warnings, why] };
        return (score.ToResponse(model, request, previous.Of(request.Id)), score, null);
    }
}
