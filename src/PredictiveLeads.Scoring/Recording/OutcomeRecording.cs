using PredictiveLeads.Scoring.Bundles;
using PredictiveLeads.Scoring.Funnel;

namespace PredictiveLeads.Scoring.Recording;

/// <summary>What a recorded outcome says, ready to store: a funnel stage, or one of the bundle's outcomes by name.</summary>
public sealed record OutcomeToRecord(string Stored, FunnelStage? Stage, string? Outcome, bool? Value);

/// <summary>
/// Checks an outcome to record against the served bundle. A stage is accepted when some outcome of the bundle
/// records a funnel stage (then every recorded stage labels it: reached or not); an outcome is accepted by its name
/// in the bundle, with a yes or no. Anything else is refused with the outcomes that can be recorded and how.
/// </summary>
public static class OutcomeRecording
{
    /// <summary>The record, or the field at fault → what is wrong.</summary>
    public static (OutcomeToRecord? Record, Dictionary<string, string[]> Errors) Check(BundleManifest? manifest, string? stage, string? outcome, bool? value)
    {
        var errors = new Dictionary<string, string[]>();
        if (stage is not null && outcome is not null)
        {
            errors["stage"] = ["give either a stage or an outcome with its value, not both"];
            return (null, errors);
        }
        if (outcome is not null)
            return CheckOutcome(manifest, outcome, value, errors);
        if (value is not null)
            errors["value"] = ["goes with an outcome: {\"outcome\": \"<name>\", \"value\": true}"];
        var parsed = FunnelStages.Parse(stage);
        if (parsed is not { } recorded || !FunnelStages.Recordable.Contains(recorded))
        {
            errors["stage"] = [$"must be one of {string.Join(", ", FunnelStages.Recordable.Select(s => s.Name()))}, or record an outcome by name{Outcomes(manifest)}"];
            return (null, errors);
        }
        if (manifest is not null && manifest.Outcomes.All(o => o.RecordedStage() is null))
        {
            errors["stage"] = [$"{recorded.Name()} labels no outcome of the served model: none of its outcomes records a funnel stage{Outcomes(manifest)}"];
            return (null, errors);
        }
        return errors.Count > 0 ? (null, errors) : (new OutcomeToRecord(recorded.Name(), recorded, null, null), errors);
    }

    private static (OutcomeToRecord?, Dictionary<string, string[]>) CheckOutcome(BundleManifest? manifest, string outcome, bool? value, Dictionary<string, string[]> errors)
    {
        if (manifest is null)
            errors["outcome"] = ["no model is served, so outcomes cannot be recorded by name yet; record a funnel stage instead"];
        else if (manifest.Outcomes.All(o => o.Label != outcome))
            errors["outcome"] = [$"'{outcome}' is not an outcome of the served model{Outcomes(manifest)}"];
        if (value is null)
            errors["value"] = ["is required with an outcome: true when the lead reached it, false when it closed without"];
        return errors.Count > 0 ? (null, errors) : (new OutcomeToRecord(RecordedOutcomes.StoredText(outcome, value!.Value), null, outcome, value), errors);
    }

    /// <summary>"; its outcomes: became_mql (stage MQL), Converted (by name)".</summary>
    private static string Outcomes(BundleManifest? manifest) => manifest is null ? ""
        : "; its outcomes: " + string.Join(", ", manifest.Outcomes.Select(o => o.RecordedStage() is { } s ? $"{o.Label} (stage {s.Name()} or by name)" : $"{o.Label} (by name only)"))
          + ", recorded by name as {\"outcome\": \"<name>\", \"value\": true or false}";
}
