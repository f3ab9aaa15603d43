using PredictiveLeads.Learning.Preprocessing;

namespace PredictiveLeads.Learning.MLNet;

/// <summary>What one slot of an ML.NET model's <c>Features</c> vector holds, in terms of our features.</summary>
public enum SlotRole
{
    /// <summary>The feature's value, with a missing value replaced by its training median (<see cref="FeatureInfo.MissingAs"/>).</summary>
    Value,

    /// <summary>1 when the feature's value is missing, else 0.</summary>
    Missing,

    /// <summary>1 when the categorical feature has the level of <see cref="FeatureSlot.Code"/>, else 0 (one-hot).</summary>
    Level,

    /// <summary>1 when the categorical feature has no kept level (missing, rare or unseen), else 0.</summary>
    NoLevel,
}

/// <summary>One slot of the <c>Features</c> vector: the feature it comes from and how.</summary>
public readonly record struct FeatureSlot(int Feature, SlotRole Role, int Code = 0);

/// <summary>
/// The layout of the <c>Features</c> vector an ML.NET model is trained on. Each numeric feature gives two slots
/// (its value with missing as the training median, and a missing indicator), so no tree ever sees a missing value; each categorical
/// feature gives one slot per kept level and a last one lit when it has none of them (missing, rare or unseen):
/// one-hot, with exactly one slot lit, which ML.NET turns into LightGBM categorical splits.
/// </summary>
public sealed class FeatureSlots
{
    private FeatureSlots(IReadOnlyList<FeatureSlot> slots) => Slots = slots;

    public IReadOnlyList<FeatureSlot> Slots { get; }

    public int Count => Slots.Count;

    public FeatureSlot this[int slot] => Slots[slot];

    public static FeatureSlots Of(IReadOnlyList<FeatureInfo> features)
    {
        var slots = new List<FeatureSlot>();
        for (var f = 0; f < features.Count; f++)
        {
            if (features[f].Kind == FeatureKind.Categorical)
            {
                for (var code = 0; code < features[f].Levels.Count; code++)
                    slots.Add(new FeatureSlot(f, SlotRole.Level, code));
                slots.Add(new FeatureSlot(f, SlotRole.NoLevel));
                continue;
            }
            slots.Add(new FeatureSlot(f, SlotRole.Value));
            slots.Add(new FeatureSlot(f, SlotRole.Missing));
        }
        return new FeatureSlots(slots);
    }
}
