using PredictiveLeads.Learning.Data;
using PredictiveLeads.Scoring.Accounts;
using PredictiveLeads.Scoring.Funnel;

namespace PredictiveLeads.Scoring.Live;

/// <summary>
/// Scores an account from its contacts: each contact's own scores, the roll-up 1 − Π(1 − pᵢ) of their
/// probabilities, the account model's probability where the bundle has one, and which levels of the buying
/// group (seniorities, departments…) are present and which are engaged (at MQL or above by the rules).
/// </summary>
public sealed class AccountScorer(LeadScorer leads)
{
    /// <summary>
    /// Scores an account from its contacts, each parsed by <see cref="LeadScorer.Parse"/> and valid; <paramref name="now"/>
    /// is the moment the newest contact's recency is measured from.
    /// </summary>
    public AccountScore Score(IReadOnlyList<ParsedRow> contacts, bool explain, DateTimeOffset now)
    {
        var bundle = leads.Bundle;
        var contactScores = contacts.Select(c => leads.Score(c, explain)).ToList();
        var outcomes = new List<AccountOutcome>();
        foreach (var outcome in bundle.Manifest.Outcomes)
        {
            var probabilities = contactScores.Select(s => s.Outcomes.First(o => o.Outcome == outcome.Label).Probability).ToList();
            var rollup = ContactRollup.AnyContact(probabilities);
            double? accountProbability = null;
            if (bundle.AccountModels.TryGetValue(outcome.Label, out var model) && outcome.AccountFeatures is { } spec)
            {
                var values = spec.Compute(contacts, bundle.Rules, DayNumber.From(now));
                var row = ParsedRow.OfNumbers(spec.FeatureNames().Select((name, i) => (name, i)).ToDictionary(x => x.name, x => values[x.i]));
                var features = new double[model.FeatureCount];
                model.Pipeline.Transform(row, features);
                accountProbability = model.PredictProbability(features);
            }
            outcomes.Add(new AccountOutcome(outcome.Label, accountProbability, rollup));
        }
        return new AccountScore(outcomes, Coverage(bundle.Manifest.Outcomes.Select(o => o.AccountFeatures).FirstOrDefault(s => s is not null), contacts, contactScores), contactScores);
    }

    private static string? Text(ParsedValue value) => value.IsMissing ? null : value.ToString();

    private static IReadOnlyList<BuyingGroupCoverage> Coverage(AccountFeatureSpec? spec, IReadOnlyList<ParsedRow> contacts, List<LeadScore> scores)
    {
        if (spec is null)
            return [];
        return [.. spec.CoverageFields.Select(field =>
        {
            var present = contacts.Select(c => Text(c[field.Key])).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
            var engaged = contacts.Select((c, i) => (Value: Text(c[field.Key]), Stage: scores[i].Rules?.Stage ?? FunnelStage.Lead))
                .Where(x => x.Value is not null && x.Stage.Reached(FunnelStage.Mql)).Select(x => x.Value!).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
            var missingLevels = field.Value.Where(level => !present.Contains(level, StringComparer.OrdinalIgnoreCase)).ToList();
            return new BuyingGroupCoverage(field.Key, present, engaged, missingLevels);
        })];
    }
}

/// <summary>An account's scores: per outcome, and the buying group seen among its contacts.</summary>
public sealed record AccountScore(IReadOnlyList<AccountOutcome> Outcomes, IReadOnlyList<BuyingGroupCoverage> Coverage, IReadOnlyList<LeadScore> Contacts);

/// <summary>An outcome at account level: the account model's probability (when the bundle has one) and the roll-up of contacts.</summary>
public sealed record AccountOutcome(string Outcome, double? AccountProbability, double Rollup);

/// <summary>Which levels of a buying-group field the account's contacts cover, which of those are engaged, and which are absent.</summary>
public sealed record BuyingGroupCoverage(string Field, IReadOnlyList<string> Present, IReadOnlyList<string> Engaged, IReadOnlyList<string> Absent);
