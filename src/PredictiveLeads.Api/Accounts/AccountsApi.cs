using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PredictiveLeads.Api.Auth;
using PredictiveLeads.Api.Contracts;
using PredictiveLeads.Api.Hosting;
using PredictiveLeads.Api.Leads;
using PredictiveLeads.Api.Storage;
using PredictiveLeads.Scoring.Recording;

namespace PredictiveLeads.Api.Accounts;

/// <summary>Scoring an account from its contacts.</summary>
public static class AccountsApi
{
    public static RouteGroupBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/accounts").WithTags("Accounts").RequireAuthorization(Policies.Score).RequireRateLimiting(RateLimits.PerKey);
        group.MapPost("/score", ScoreAccount).WithName("ScoreAccount")
            .WithSummary("Score an account: the account model's probability, the roll-up 1 - prod(1 - p) of its contacts, buying-group coverage and every contact's scores.")
            .Accepts<AccountScoreRequest>("application/json");
        return group;
    }

    public static async Task<Results<JsonOk<AccountScoreResponse>, ValidationProblem, ProblemHttpResult>> ScoreAccount(
        HttpRequest http, bool? explain, ModelHost models, PredictionLog log, ScoringRounds rounds, IOptions<ScoringOptions> scoring, ClaimsPrincipal user,
        CancellationToken cancellation)
    {
        var request = await JsonBody.ReadAsync(http, ApiJsonContext.Default.AccountScoreRequest);
        if (models.Current is not { } model)
            return NoModel.Problem(models);
        if (request?.Contacts is not { Count: > 0 } contacts)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["contacts"] = ["at least one contact is required"] });
        if (contacts.Count > scoring.Value.BatchLimit)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["contacts"] = [$"has {contacts.Count} contacts; at most {scoring.Value.BatchLimit}"] });
        var fields = new List<(int Index, IReadOnlyDictionary<string, string?> Values)>(contacts.Count);
        var errors = new Dictionary<string, string[]>();
        if (StoredText.IdProblem(request.AccountId) is { } badAccount)
            errors["accountId"] = [badAccount];
        for (var i = 0; i < contacts.Count; i++)
        {
            if (contacts[i] is not { } contact)
            {
                errors[$"contacts[{i}]"] = ["is null, not a contact"];
                continue;
            }
            if (!LeadFields.TryRead(contact, $"contacts[{i}].", out var read, out var contactErrors))
            {
                foreach (var (field, problems) in contactErrors)
                    errors[field] = problems;
                continue;
            }
            fields.Add((i, read));
        }
        var parsed = fields.Select(f => model.Leads.Parse(f.Values, contacts[f.Index]!.Fields?.Numbers)).ToList();
        for (var k = 0; k < parsed.Count; k++)
        {
            foreach (var problem in parsed[k].Problems)
                errors[$"contacts[{fields[k].Index}].fields.{problem.Field}"] = [problem.Problem];
        }
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "The account has invalid contacts");
        var score = model.Accounts.Score(parsed, explain ?? false, log.Clock.GetUtcNow());
        var round = await rounds.StartAsync(model, contacts.Select(c => c!.Id), explain ?? false, user, cancellation);
        var contactResponses = new List<LeadScoreResponse>(contacts.Count);
        for (var i = 0; i < score.Contacts.Count; i++)
        {
            var response = score.Contacts[i].ToResponse(model, contacts[i]! with { AccountId = contacts[i]!.AccountId ?? request.AccountId }, round.Previous.Of(contacts[i]!.Id));
            round.Add(response, score.Contacts[i]);
            contactResponses.Add(response);
        }
        var answer = new AccountScoreResponse(model.QualifiedVersion, request.AccountId,
            [.. score.Outcomes.Select(o => new AccountOutcomeResponse(o.Outcome, o.AccountProbability, o.Rollup, scoring.Value.Grade(o.AccountProbability ?? o.Rollup)))],
            [.. score.Coverage.Select(c => new CoverageResponse(c.Field, c.Present, c.Engaged, c.Absent))],
            contactResponses);
        await round.CommitAsync(cancellation);
        if (request.AccountId is { Length: > 0 } accountId)
        {
            var summary = new AccountSummary(answer.Outcomes, answer.BuyingGroup, contacts.Count);
            log.Add(new AccountRecord(log.Clock.GetUtcNow().UtcDateTime, user.Identity?.Name ?? "anonymous", model.QualifiedVersion, accountId,
                System.Text.Json.JsonSerializer.Serialize(summary, ApiJsonContext.Default.AccountSummary)));
        }
        return new JsonOk<AccountScoreResponse>(answer, ApiJsonContext.Default.AccountScoreResponse);
    }
}
