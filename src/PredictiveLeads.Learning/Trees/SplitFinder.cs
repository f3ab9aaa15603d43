using PredictiveLeads.Learning.Binning;
using PredictiveLeads.Learning.Boosting;
using PredictiveLeads.Learning.Preprocessing;

namespace PredictiveLeads.Learning.Trees;

/// <summary>
/// Finds the best split of a leaf from its histogram: thresholds for numeric features with missing values
/// tried on both sides, and for categorical features one-vs-rest or a many-vs-many partition of the
/// categories ordered by gradient statistics (as LightGBM does).
/// </summary>
public sealed class SplitFinder(IReadOnlyList<FeatureBinning> binnings, BoostingOptions options)
{
    private readonly ParallelOptions _parallel = new() { MaxDegreeOfParallelism = options.Threads };

    /// <summary>The best split over <paramref name="features"/>, or null when no split is allowed or gains anything.</summary>
    public SplitCandidate? FindBest(Histogram histogram, LeafSums total, int[] features)
    {
        var best = new SplitCandidate?[features.Length];
        Parallel.For(0, features.Length, _parallel, i => best[i] = FindBest(histogram, total, features[i]));
        SplitCandidate? winner = null;
        foreach (var candidate in best)
        {
            if (candidate is { IsValid: true } && candidate.IsBetterThan(winner))
                winner = candidate;
        }
        return winner is not null && winner.Gain > options.MinSplitGain ? winner : null;
    }

    public SplitCandidate? FindBest(Histogram histogram, LeafSums total, int feature)
    {
        var offset = histogram.Layout.Offsets[feature];
        var length = histogram.Layout.BinCounts[feature];
        var sums = new ReadOnlySpan<double>(histogram.GradHess, 2 * offset, 2 * length);
        var counts = new ReadOnlySpan<int>(histogram.Counts, offset, length);
        var binning = binnings[feature];
        return binning.Kind == FeatureKind.Numeric
            ? FindNumeric(feature, binning, sums, counts, total)
            : FindCategorical(feature, sums, counts, total);
    }

    /// <summary>The loss reduction score of a leaf, T(G)² / (H + λ), with T the L1 soft threshold.</summary>
    public static double LeafScore(double gradient, double hessian, double l1, double l2)
    {
        var g = SoftThreshold(gradient, l1);
        return g * g / (hessian + l2);
    }

    /// <summary>The optimal leaf value −T(G) / (H + λ) before shrinkage.</summary>
    public static double LeafValue(double gradient, double hessian, double l1, double l2) =>
        -SoftThreshold(gradient, l1) / (hessian + l2);

    private static double SoftThreshold(double g, double l1) =>
        l1 == 0 ? g : g > l1 ? g - l1 : g < -l1 ? g + l1 : 0;

    private bool Allowed(LeafSums side) =>
        side.Rows >= options.MinRowsPerLeaf && side.Hessian >= options.MinHessianPerLeaf;

    private double Gain(LeafSums left, LeafSums right, double parentScore, double l2) =>
        LeafScore(left.Gradient, left.Hessian, options.L1, l2) + LeafScore(right.Gradient, right.Hessian, options.L1, l2) - parentScore;

    private SplitCandidate? FindNumeric(int feature, FeatureBinning binning, ReadOnlySpan<double> sums, ReadOnlySpan<int> counts, LeafSums total)
    {
        var missingBin = binning.MissingBin;
        var missing = new LeafSums(sums[2 * missingBin], sums[2 * missingBin + 1], counts[missingBin]);
        var parentScore = LeafScore(total.Gradient, total.Hessian, options.L1, options.L2);
        var bestGain = double.NegativeInfinity;
        var bestBin = -1;
        var bestMissingLeft = false;
        var accumulated = default(LeafSums);
        for (var bin = 0; bin < binning.ValueBinCount; bin++)
        {
            accumulated += new LeafSums(sums[2 * bin], sums[2 * bin + 1], counts[bin]);
            var isLast = bin == binning.ValueBinCount - 1;
            // The last bin only makes a split of present values against missing ones.
            if (!isLast || missing.Rows > 0)
                Consider(accumulated, total - accumulated, bin, missingLeft: false);
            if (!isLast && missing.Rows > 0)
                Consider(accumulated + missing, total - accumulated - missing, bin, missingLeft: true);
        }
        if (bestBin < 0)
            return null;

        var left = SumUpTo(sums, counts, bestBin) + (bestMissingLeft ? missing : default);
        var right = total - left;
        // With no missing values in this leaf, send future ones where most rows went.
        var defaultLeft = missing.Rows > 0 ? bestMissingLeft : left.Rows >= right.Rows;
        return new SplitCandidate
        {
            Feature = feature, Gain = bestGain, ThresholdBin = bestBin, DefaultLeft = defaultLeft, Left = left, Right = right,
        };

        void Consider(LeafSums left, LeafSums right, int bin, bool missingLeft)
        {
            if (!Allowed(left) || !Allowed(right))
                return;
            var gain = Gain(left, right, parentScore, options.L2);
            if (gain > bestGain)
            {
                bestGain = gain;
                bestBin = bin;
                bestMissingLeft = missingLeft;
            }
        }
    }

    private static LeafSums SumUpTo(ReadOnlySpan<double> sums, ReadOnlySpan<int> counts, int lastBin)
    {
        var sum = default(LeafSums);
        for (var bin = 0; bin <= lastBin; bin++)
            sum += new LeafSums(sums[2 * bin], sums[2 * bin + 1], counts[bin]);
        return sum;
    }

    private SplitCandidate? FindCategorical(int feature, ReadOnlySpan<double> sums, ReadOnlySpan<int> counts, LeafSums total)
    {
        Span<int> present = stackalloc int[counts.Length];
        var presentCount = 0;
        for (var bin = 0; bin < counts.Length; bin++)
        {
            if (counts[bin] > 0)
                present[presentCount++] = bin;
        }
        if (presentCount < 2)
            return null;
        present = present[..presentCount];
        var missingBin = counts.Length - 1;

        if (presentCount <= options.MaxOneHotCategories)
            return FindOneVsRest(feature, sums, counts, total, present, missingBin);
        return FindManyVsMany(feature, sums, counts, total, present, missingBin);
    }

    private SplitCandidate? FindOneVsRest(int feature, ReadOnlySpan<double> sums, ReadOnlySpan<int> counts, LeafSums total, ReadOnlySpan<int> present, int missingBin)
    {
        var parentScore = LeafScore(total.Gradient, total.Hessian, options.L1, options.L2);
        var bestGain = double.NegativeInfinity;
        var bestBin = -1;
        foreach (var bin in present)
        {
            var left = new LeafSums(sums[2 * bin], sums[2 * bin + 1], counts[bin]);
            var right = total - left;
            if (!Allowed(left) || !Allowed(right))
                continue;
            var gain = Gain(left, right, parentScore, options.L2);
            if (gain > bestGain)
            {
                bestGain = gain;
                bestBin = bin;
            }
        }
        if (bestBin < 0)
            return null;
        var set = new uint[CategorySet.Words];
        CategorySet.Add(set, bestBin);
        var chosen = new LeafSums(sums[2 * bestBin], sums[2 * bestBin + 1], counts[bestBin]);
        return new SplitCandidate
        {
            Feature = feature, Gain = bestGain, LeftCategories = set, DefaultLeft = bestBin == missingBin,
            Left = chosen, Right = total - chosen,
        };
    }

    private SplitCandidate? FindManyVsMany(int feature, ReadOnlySpan<double> sums, ReadOnlySpan<int> counts, LeafSums total, ReadOnlySpan<int> present, int missingBin)
    {
        var eligible = new List<int>(present.Length);
        foreach (var bin in present)
        {
            if (counts[bin] >= options.MinRowsPerCategory)
                eligible.Add(bin);
        }
        if (eligible.Count < 2)
            return null;
        var ratios = new double[counts.Length];
        foreach (var bin in eligible)
            ratios[bin] = sums[2 * bin] / (sums[2 * bin + 1] + options.CategorySmoothing);
        eligible.Sort((a, b) => ratios[a] != ratios[b] ? ratios[a].CompareTo(ratios[b]) : a.CompareTo(b));

        var l2 = options.L2 + options.CategoryL2;
        var parentScore = LeafScore(total.Gradient, total.Hessian, options.L1, l2);
        var bestGain = double.NegativeInfinity;
        var bestTake = 0;
        var bestFromEnd = false;
        var maxTake = Math.Min(options.MaxCategoriesPerSplit, eligible.Count - 1);
        foreach (var fromEnd in (ReadOnlySpan<bool>)[false, true])
        {
            var accumulated = default(LeafSums);
            for (var take = 1; take <= maxTake; take++)
            {
                var bin = eligible[fromEnd ? eligible.Count - take : take - 1];
                accumulated += new LeafSums(sums[2 * bin], sums[2 * bin + 1], counts[bin]);
                var right = total - accumulated;
                if (!Allowed(accumulated) || !Allowed(right))
                    continue;
                var gain = Gain(accumulated, right, parentScore, l2);
                if (gain > bestGain)
                {
                    bestGain = gain;
                    bestTake = take;
                    bestFromEnd = fromEnd;
                }
            }
        }
        if (bestTake == 0)
            return null;

        var set = new uint[CategorySet.Words];
        var left = default(LeafSums);
        for (var take = 1; take <= bestTake; take++)
        {
            var bin = eligible[bestFromEnd ? eligible.Count - take : take - 1];
            CategorySet.Add(set, bin);
            left += new LeafSums(sums[2 * bin], sums[2 * bin + 1], counts[bin]);
        }
        return new SplitCandidate
        {
            Feature = feature, Gain = bestGain, LeftCategories = set, DefaultLeft = CategorySet.Contains(set, missingBin),
            Left = left, Right = total - left,
        };
    }
}
