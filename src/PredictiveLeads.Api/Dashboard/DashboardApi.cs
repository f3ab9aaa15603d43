using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using PredictiveLeads.Api.Auth;
using PredictiveLeads.Api.Contracts;
using PredictiveLeads.Api.Hosting;
using PredictiveLeads.Api.Leads;
using PredictiveLeads.Api.Storage;
using PredictiveLeads.Scoring.Bundles;
using PredictiveLeads.Scoring.Comparison;
using PredictiveLeads.Scoring.Funnel;
using PredictiveLeads.Scoring.Live;
using PredictiveLeads.Scoring.Recording;

namespace PredictiveLeads.Api.Dashboard;

/// <summary>The data behind the dashboard: model against rules at any capacity, where they disagree, and lookups of leads and accounts.</summary>
public static class DashboardApi
{
    private const int MaxListed = 100;

    public static RouteGroupBuilder MapDashboardApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/dashboard").WithTags("Dashboard").RequireAuthorization(Policies.Score).ReadsTheLog();
        group.MapGet("/comparison", Compare).WithName("CompareWithRules")
            .WithSummary("Model and rules on the same leads with known outcomes (source=holdout: the served version's test leads; source=live: logged leads with recorded outcomes): AUC, calibration, ROC, gains, and SQLs caught at every workload.");
        group.MapGet("/disagreements", Disagree).WithName("Disagreements")
            .WithSummary("Hidden gems (the rules leave the lead below MQL, the model ranks it highest) and false alarms (the rules make it an MQL, the model ranks it lowest), with reasons.");
        group.MapGet("/leads/{id}", LookupLead).WithName("LookupLead").WithSummary("One lead: its test-lead record and reasons if it was one, and its logged scores and outcomes.");
        group.MapGet("/accounts/{id}", LookupAccount).WithName("LookupAccount").WithSummary("One account: its contacts' latest scores, their roll-up, and the last account scoring's buying-group coverage.");
        return group;
    }

    public static async Task<Results<Ok<ComparisonResponse>, ValidationProblem, ProblemHttpResult>> Compare(string? outcome, string? source, ModelHost models,
        HoldoutCache holdouts, IPredictionStore store, CancellationToken cancellation)
    {
        if (models.Current is not { } model)
            return NoModel.Problem(models);
        var (leads, error) = await Leads(model, outcome, source, holdouts, store, cancellation);
        return leads is null ? error! : TypedResults.Ok(Comparison.ToResponse(MethodComparison.Compare(leads.Leads, leads.Outcome), model.QualifiedVersion));
    }

    public static async Task<Results<Ok<DisagreementsResponse>, ValidationProblem, ProblemHttpResult>> Disagree(string? outcome, string? source, int? count,
        ModelHost models, HoldoutCache holdouts, IPredictionStore store, CancellationToken cancellation)
    {
        if (models.Current is not { } model)
            return NoModel.Problem(models);
        if (count is < 1 or > MaxListed)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["count"] = [$"must be between 1 and {MaxListed}"] });
        var (leads, error) = await Leads(model, outcome, source, holdouts, store, cancellation);
        if (leads is null)
            return error!;
        var (gems, alarms) = MethodComparison.Disagree(leads.Leads, count ?? 12);
        var holdout = holdouts.For(model);
        async Task<List<DisagreementLead>> Explain(IEnumerable<Disagreement> listed)
        {
            var explained = new List<DisagreementLead>();
            foreach (var lead in listed)
                explained.Add(Comparison.ToResponse(lead) with { Reasons = await Reasons(model, holdout, leads.Leads.Source, lead.Id, leads.Outcome, store, cancellation) });
            return explained;
        }
        return TypedResults.Ok(new DisagreementsResponse(leads.Leads.Source, leads.Outcome, model.QualifiedVersion, leads.Leads.Count, await Explain(gems), await Explain(alarms)));
    }

    public static async Task<Results<Ok<LeadLookupResponse>, ValidationProblem, ProblemHttpResult>> LookupLead(HttpContext http, ModelHost models, HoldoutCache holdouts,
        IPredictionStore store, CancellationToken cancellation)
    {
        if (models.Current is not { } model)
            return NoModel.Problem(models);
        var id = PathIds.FromEnd(http, 1);
        if (StoredText.IdProblem(id) is { } problem)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["id"] = [problem] });
        var history = await LeadsApi.HistoryOf(id, store, cancellation);
        HoldoutLead? record = null;
        LeadScoreResponse? explained = null;
        if (holdouts.For(model) is { } holdout && holdouts.IndexOf(model, id) is { } i)
        {
            record = new HoldoutLead(holdout.Accounts[i], holdout.RulePoints.Count > 0 ? holdout.RulePoints[i] : null,
                holdout.RuleStages.Count > 0 ? holdout.RuleStages[i] : null,
                [.. holdout.Outcomes.Select(o => new HoldoutLeadOutcome(o.Key, o.Value.Model?[i], o.Value.Rules?[i], o.Value.Actual[i]))]);
            if (holdout.Examples.FirstOrDefault(e => e.Id == id) is { } example)
                explained = model.Leads.Score(model.Leads.Parse(example.Fields), explain: true).ToResponse(model, new LeadScoreRequest(id, holdout.Accounts[i], null));
        }
        if (record is null && history.Predictions.Count == 0 && history.Outcomes.Count == 0)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Lead not found",
                detail: $"No lead '{id}' among the test leads of {model.QualifiedVersion} or in the prediction log.");
        return TypedResults.Ok(new LeadLookupResponse(id, record, explained, history));
    }

    public static async Task<Results<Ok<AccountLookupResponse>, ValidationProblem, ProblemHttpResult>> LookupAccount(HttpContext http, ModelHost models, HoldoutCache holdouts,
        IPredictionStore store, CancellationToken cancellation)
    {
        if (models.Current is not { } model)
            return NoModel.Problem(models);
        var id = PathIds.FromEnd(http, 1);
        if (StoredText.IdProblem(id) is { } problem)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["id"] = [problem] });
        var logged = (await store.AccountContactsAsync(id, cancellation))
            .Select(p => new LoggedContactScore(p.LeadId!, p.Time, p.Outcome, p.Probability, p.RulePoints, FunnelStages.Parse(p.RuleStage)));
        var known = AccountContacts.Of(id, logged, holdouts.For(model));
        var contacts = known.Select(c => new AccountContact(c.LeadId, c.Source, c.ScoredAt, c.RulePoints, c.RuleStage, c.Probabilities)).ToList();
        var last = await store.LatestAccountAsync(id, cancellation);
        if (contacts.Count == 0 && last is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Account not found",
                detail: $"No account '{id}' among the test leads of {model.QualifiedVersion} or in the prediction log.");
        var rollups = AccountContacts.Rollups(model.Bundle.Outcomes, known).Select(r => new AccountRollup(r.Outcome, r.Rollup, r.Contacts)).ToList();
        var summary = last is null ? null : Summary(last.Summary);
        return TypedResults.Ok(new AccountLookupResponse(id, last?.Time, summary, contacts, rollups));
    }

    private static AccountSummary? Summary(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, ApiJsonContext.Default.AccountSummary);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record SelectedLeads(ComparedLeads Leads, string Outcome);

    private static async Task<(SelectedLeads?, ValidationProblem?)> Leads(ActiveModel model, string? outcome, string? source, HoldoutCache holdouts,
        IPredictionStore store, CancellationToken cancellation)
    {
        var (chosen, problem) = ComparisonScope.Outcome(model.Bundle.Manifest, model.QualifiedVersion, outcome);
        if (chosen is null)
            return (null, Invalid("outcome", problem!));
        switch (source ?? ComparedLeads.HoldoutSource)
        {
            case ComparedLeads.HoldoutSource:
                var (holdout, missing) = ComparisonScope.Holdout(holdouts.For(model), chosen, model.QualifiedVersion);
                return holdout is null ? (null, Invalid("source", missing!)) : (new SelectedLeads(holdout, chosen), null);
            case ComparedLeads.LiveSource:
                var furthest = Task.Run(() => store.RecordedOutcomesAsync(cancellation), cancellation); // side by side with the scores' read
                var latest = await store.LatestOfLeadsWithOutcomesAsync(chosen, cancellation);
                return (new SelectedLeads(ComparisonScope.Live(model.Bundle.Manifest, chosen, latest, await furthest), chosen), null);
            default:
                return (null, Invalid("source", $"'{source}' is not a source; expected {ComparedLeads.HoldoutSource} or {ComparedLeads.LiveSource}"));
        }
    }

    private static ValidationProblem Invalid(string field, string problem) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [problem] });

    /// <summary>A test lead's reasons from its kept fields; a live lead's from its newest logged scoring with reasons (fields and contributions only).</summary>
    private static async Task<IReadOnlyList<ReasonResponse>> Reasons(ActiveModel model, HoldoutScores? holdout, string source, string id, string outcome,
        IPredictionStore store, CancellationToken cancellation)
    {
        if (source == ComparedLeads.HoldoutSource)
        {
            if (holdout?.Examples.FirstOrDefault(e => e.Id == id) is not { } example)
                return [];
            var score = model.Leads.Score(model.Leads.Parse(example.Fields), explain: true).Outcomes.First(o => o.Outcome == outcome);
            return [.. score.Positive.Concat(score.Negative).Select(r => new ReasonResponse(r.Field, r.Value, r.Contribution, r.Sentence))];
        }
        var logged = (await store.HistoryAsync(id, cancellation)).LastOrDefault(p => p.Outcome == outcome && p.Reasons is not null);
        return [.. LoggedReasons.Strongest(logged?.Reasons).Select(r => new ReasonResponse(r.Field, null, r.Contribution,
            ReasonSentences.For(outcome, r.Field, r.Contribution, FieldValue.NotKept)))];
    }
}
