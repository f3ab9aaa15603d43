using PredictiveLeads.Learning.Common;

namespace PredictiveLeads.Learning.Models;

/// <summary>Seeded stratified splits: each class is shuffled on its own and cut at the same share.</summary>
public static class DataSplit
{
    /// <summary>Splits <paramref name="rows"/> into (kept, held out) with about <paramref name="holdoutShare"/> of each class held out; both sorted.</summary>
    public static (int[] Kept, int[] HeldOut) Stratified(int[] rows, double[] labels, double holdoutShare, int seed)
    {
        var positives = rows.Where(r => labels[r] > 0.5).ToArray();
        var negatives = rows.Where(r => labels[r] <= 0.5).ToArray();
        var random = new DeterministicRandom((ulong)seed ^ 0x5EED5EED5EEDUL);
        random.Shuffle(positives.AsSpan());
        random.Shuffle(negatives.AsSpan());
        var heldPositives = (int)Math.Round(positives.Length * holdoutShare);
        var heldNegatives = (int)Math.Round(negatives.Length * holdoutShare);
        var heldOut = positives[..heldPositives].Concat(negatives[..heldNegatives]).Order().ToArray();
        var kept = positives[heldPositives..].Concat(negatives[heldNegatives..]).Order().ToArray();
        return (kept, heldOut);
    }
}
