using System.Diagnostics.CodeAnalysis;
using PredictiveLeads.Api.Contracts;
using PredictiveLeads.Scoring.Recording;

namespace PredictiveLeads.Api.Leads;

/// <summary>A request item's fields as the text the models read, or what is wrong with them or its ids, keyed by field path.</summary>
public static class LeadFields
{
    public static bool TryRead(LeadScoreRequest lead, string prefix, out IReadOnlyDictionary<string, string?> fields,
        [NotNullWhen(false)] out Dictionary<string, string[]>? errors)
    {
        errors = null;
        if (StoredText.IdProblem(lead.Id) is { } badId)
            (errors ??= [])[$"{prefix}id"] = [badId];
        if (StoredText.IdProblem(lead.AccountId) is { } badAccount)
            (errors ??= [])[$"{prefix}accountId"] = [badAccount];
        if (lead.Fields is not { } sent)
        {
            fields = new Dictionary<string, string?>();
            (errors ??= [])[$"{prefix}fields"] = ["is required: an object of field name → value"];
            return false;
        }
        fields = sent.Values;
        foreach (var (name, problem) in sent.Problems)
            (errors ??= [])[$"{prefix}fields.{name}"] = [problem];
        return errors is null;
    }
}
