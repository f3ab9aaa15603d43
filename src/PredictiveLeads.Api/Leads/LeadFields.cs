using PredictiveLeads.Api.Contracts;

namespace PredictiveLeads.Api.Leads;

/// <summary>A request item's fields as the text the models read, or what is wrong with them, keyed by field path.</summary>
public static class LeadFields
{
    public static bool TryRead(LeadScoreRequest lead, string prefix, out IReadOnlyDictionary<string, string?> fields, out Dictionary<string, string[]> errors)
    {
        errors = [];
        if (lead.Fields is not { } sent)
        {
            fields = new Dictionary<string, string?>();
            errors[$"{prefix}fields"] = ["is required: an object of field name → value"];
            return false;
        }
        fields = sent.Values;
        foreach (var (name, problem) in sent.Problems)
            errors[$"{prefix}fields.{name}"] = [problem];
        return errors.Count == 0;
    }
}
