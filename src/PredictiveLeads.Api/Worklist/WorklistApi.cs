using Microsoft.AspNetCore.Http.HttpResults;
using PredictiveLeads.Api.Auth;
using PredictiveLeads.Api.Contracts;
using PredictiveLeads.Api.Hosting;
using PredictiveLeads.Api.Leads;
using PredictiveLeads.Api.Storage;
using PredictiveLeads.Scoring.Funnel;
using PredictiveLeads.Scoring.FitEngagement;
using PredictiveLeads.Scoring.Live;
using PredictiveLeads.Scoring.Recording;
using PredictiveLeads.Scoring.Worklist;

namespace PredictiveLeads.Api.Worklist;

/// <summary>Today's worklist for sales: the open leads of an outcome, most likely first, cut to the team's capacity.</summary>
public static class WorklistApi
{
    private const int DefaultCapacity = 50;
    private const int MaxCapacity = 10_000;
    private const int DefaultDays = 30;
    private const int MaxDays = 3_650;

    public static IEndpointRouteBuilder MapWorklistApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/worklist", Worklist).WithTags("Worklist").WithName("Worklist").RequireAuthorization(Policies.Score).ReadsTheLog()
            .WithSummary("Open leads of an outcome (scored in the last days, no outcome that settles them), most likely first, at most capacity; by fit × engagement cell, segment or owner; JSON or format=csv.")
            .Produces<WorklistResponse>(StatusCodes.Status200OK, "application/json", "text/csv");
        return app;
    }

    public static async Task<IResult> Worklist(string? outcome, int? capacity, int? days, string? format, string? cell, string? segment, string? owner,
        ModelHost models, IPredictionStore store, TimeProvider clock, CancellationToken cancellation)
    {
        if (models.Current is not { } model)
            return NoModel.Problem(models);
        var errors = Problems(model, outcome, capacity, days, format, cell, segment, owner);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "The worklist's parameters are not valid");

        var (cap, window) = (capacity ?? DefaultCapacity, days ?? DefaultDays);
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-window);
        var filter = new WorklistFilter(FitEngagementCell.Parse(cell)?.ToString(), segment, owner);
        var entries = await store.WorklistAsync(outcome!, OpenLeads.SettlingRecords(outcome!, model.Bundle.StageOf(outcome!)), since, cap, filter, cancellation);
        var response = new WorklistResponse(outcome!, cap, window, filter.Cell, segment, owner, [.. entries.Select(e => ToResponse(e, outcome!, model.Grades))]);
        return format == "csv"
            ? TypedResults.Text(WorklistCsv.Write(response.Leads.Select(l => new WorklistCsvRow(l.Id, l.AccountId, l.Probability, l.Grade, l.RuleStage, l.Change?.Probability,
                l.ScoredAt, [.. l.Reasons.Select(r => r.Field)]) { Cell = l.Cell })), "text/csv; charset=utf-8")
            : TypedResults.Ok(response);
    }

    /// <summary>What is wrong with the parameters, by name; empty when they are valid for the served model.</summary>
    private static Dictionary<string, string[]> Problems(ActiveModel model, string? outcome, int? capacity, int? days, string? format, string? cell, string? segment,
        string? owner)
    {
        var errors = new Dictionary<string, string[]>();
        var outcomes = model.Bundle.Manifest.Outcomes.Select(o => o.Label).ToList();
        if (outcome is null || !outcomes.Contains(outcome, StringComparer.Ordinal))
            errors["outcome"] = [$"is required: one of {string.Join(", ", outcomes)}"];
        if (capacity is < 1 or > MaxCapacity)
            errors["capacity"] = [$"must be 1 to {MaxCapacity}"];
        if (days is < 1 or > MaxDays)
            errors["days"] = [$"must be 1 to {MaxDays}"];
        if (format is not (null or "json" or "csv"))
            errors["format"] = ["must be json or csv"];
        if (cell is not null && FitEngagementCell.Parse(cell) is null)
            errors["cell"] = ["must be a fit grade A to D and an engagement grade 1 to 4, such as B2"];
        else if (cell is not null && outcome is not null && model.Bundle.Manifest.Outcomes.FirstOrDefault(o => o.Label == outcome) is { } graded && (graded.Fit is null || graded.Engagement is null))
            errors["cell"] = [$"is not available: the served model does not grade {outcome} by fit and engagement (the schema declares no \"fit\" and \"engagement\" fields)"];
        var manifest = model.Bundle.Manifest;
        foreach (var (name, value, field) in new[] { ("segment", segment, manifest.SegmentColumn), ("owner", owner, manifest.OwnerColumn) })
        {
            if (value is null)
                continue;
            if (field is null)
                errors[name] = [$"is not available: {model.QualifiedVersion} was trained with a schema that names no {name} field (\"{name}\": \"<column>\"), so the log keeps no {name}"];
            else if (StoredText.IdProblem(value) is { } problem)
                errors[name] = [problem];
        }
        return errors;
    }

    private static WorklistLeadResponse ToResponse(WorklistEntry entry, string outcome, GradeBook grades) => new(
        entry.LeadId, entry.AccountId, entry.Probability, grades.Of(outcome, entry.Probability), entry.Cell,
        [.. LoggedReasons.Strongest(entry.LoggedReasons).Select(r => new LoggedReasonResponse(r.Field, r.Contribution, ReasonSentences.For(outcome, r.Field, r.Contribution, FieldValue.NotKept)))],
        entry.RuleStage?.Name(), Change(entry), entry.ScoredAt);

    private static ScoreChangeResponse? Change(WorklistEntry entry) => entry.PreviousProbability is { } previous
        ? ResponseMapping.Change(ScoreChange.Of(entry.Probability, LoggedReasons.Contributions(entry.LoggedReasons),
            "the newest scoring was asked without reasons, so its field contributions were not kept",
            new PreviousScore(previous, entry.PreviousScoredAt!.Value, entry.PreviousModelVersion, LoggedReasons.Contributions(entry.PreviousLoggedReasons))))
        : null;
}
