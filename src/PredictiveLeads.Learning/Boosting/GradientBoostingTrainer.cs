using PredictiveLeads.Learning.Binning;
using PredictiveLeads.Learning.Objectives;
using PredictiveLeads.Learning.Trees;

namespace PredictiveLeads.Learning.Boosting;

/// <summary>
/// The boosting loop for binary log loss: each tree fits the gradients of the current margins, its leaf
/// values are Newton steps shrunk by the learning rate, and early stopping on a validation set keeps the
/// best number of trees. Same data, options and seed give the same trees whatever the thread count.
/// </summary>
public sealed class GradientBoostingTrainer(BoostingOptions options)
{
    public BoostingOptions Options { get; } = options;

    public BoostingResult Train(BinnedDataset train, double[] labels, BinnedDataset? validation = null, double[]? validationLabels = null,
        Action<BoostingProgress>? progress = null, CancellationToken cancellation = default)
    {
        Options.Validate();
        if (labels.Length != train.RowCount)
            throw new ArgumentException("one label per training row is needed", nameof(labels));
        if (validation is not null && validationLabels?.Length != validation.RowCount)
            throw new ArgumentException("one label per validation row is needed", nameof(validationLabels));

        var rows = train.RowCount;
        var baseMargin = LogisticLoss.BaseMargin(labels, Options.PositiveWeight);
        var margins = new double[rows];
        Array.Fill(margins, baseMargin);
        var validationMargins = validation is null ? null : new double[validation.RowCount];
        if (validationMargins is not null)
            Array.Fill(validationMargins, baseMargin);

        var gradHess = new double[2 * rows];
        var grower = new TreeGrower(train, Options);
        var trees = new List<RegressionTree>();
        var history = new List<double>();
        var bestLoss = double.PositiveInfinity;
        var bestMargins = validationMargins is null ? [] : (double[])validationMargins.Clone();
        var bestTrees = 0;
        var stoppedEarly = false;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Options.Threads, CancellationToken = cancellation };
        var inBag = Options.RowSampleRate < 1 ? new bool[rows] : null;

        for (var t = 0; t < Options.Trees; t++)
        {
            cancellation.ThrowIfCancellationRequested();
            ForChunks(rows, parallel, (start, end) =>
                LogisticLoss.Gradients(margins.AsSpan(start, end - start), labels.AsSpan(start, end - start), Options.PositiveWeight,
                    gradHess.AsSpan(2 * start, 2 * (end - start))));

            var random = new DeterministicRandom(unchecked((ulong)Options.Seed * 0x9E3779B97F4A7C15UL + (ulong)t));
            var features = SampleFeatures(train.FeatureCount, random);
            var sample = SampleRows(rows, random, inBag);
            var tree = grower.Grow(gradHess, sample, features);
            trees.Add(tree);

            UpdateTrainingMargins(tree, grower, train, margins, inBag, parallel);
            double? validationLoss = null;
            if (validation is not null)
            {
                ForChunks(validation.RowCount, parallel, (start, end) =>
                {
                    for (var row = start; row < end; row++)
                        validationMargins![row] += tree.LeafValue[tree.LeafIndex(validation, row)];
                });
                validationLoss = LogisticLoss.MeanLoss(validationMargins, validationLabels);
                history.Add(validationLoss.Value);
                if (validationLoss < bestLoss)
                {
                    bestLoss = validationLoss.Value;
                    bestTrees = trees.Count;
                    Array.Copy(validationMargins!, bestMargins, bestMargins.Length);
                }
            }
            else
            {
                bestTrees = trees.Count;
            }

            progress?.Invoke(new BoostingProgress(trees.Count, Options.Trees, validationLoss, bestTrees));
            if (validation is not null && Options.EarlyStoppingRounds > 0 && trees.Count - bestTrees >= Options.EarlyStoppingRounds)
            {
                stoppedEarly = true;
                break;
            }
        }

        var grown = trees.Count;
        // With early stopping off every tree is kept, as asked; otherwise the best prefix.
        var keepBest = validation is not null && Options.EarlyStoppingRounds > 0 && bestTrees < trees.Count;
        if (keepBest)
            trees.RemoveRange(bestTrees, trees.Count - bestTrees);
        var keptMargins = keepBest ? bestMargins : validationMargins ?? [];
        return new BoostingResult(new TreeEnsemble(baseMargin, trees, train.FeatureCount), history, keptMargins, grown, stoppedEarly);
    }

    private int[] SampleFeatures(int featureCount, DeterministicRandom random)
    {
        var all = new int[featureCount];
        for (var f = 0; f < featureCount; f++)
            all[f] = f;
        if (Options.FeatureSampleRate >= 1)
            return all;
        var take = Math.Max(1, (int)Math.Round(Options.FeatureSampleRate * featureCount));
        random.Shuffle(all.AsSpan());
        var chosen = all[..take];
        Array.Sort(chosen);
        return chosen;
    }

    private int[]? SampleRows(int rows, DeterministicRandom random, bool[]? inBag)
    {
        if (inBag is null)
            return null;
        var chosen = new List<int>((int)(rows * Options.RowSampleRate) + 16);
        for (var row = 0; row < rows; row++)
        {
            inBag[row] = random.NextDouble() < Options.RowSampleRate;
            if (inBag[row])
                chosen.Add(row);
        }
        return [.. chosen];
    }

    private static void UpdateTrainingMargins(RegressionTree tree, TreeGrower grower, BinnedDataset train, double[] margins, bool[]? inBag, ParallelOptions parallel)
    {
        var rows = grower.Partition.Rows;
        var leaves = grower.Leaves;
        for (var leaf = 0; leaf < leaves.Count; leaf++)
        {
            var value = tree.LeafValue[leaf];
            var (start, count) = leaves[leaf];
            for (var i = start; i < start + count; i++)
                margins[rows[i]] += value;
        }
        if (inBag is null)
            return;
        ForChunks(train.RowCount, parallel, (start, end) =>
        {
            for (var row = start; row < end; row++)
            {
                if (!inBag[row])
                    margins[row] += tree.LeafValue[tree.LeafIndex(train, row)];
            }
        });
    }

    /// <summary>Runs <paramref name="body"/> over fixed chunks of [0, count); work per element must not depend on the chunking.</summary>
    internal static void ForChunks(int count, ParallelOptions parallel, Action<int, int> body)
    {
        const int chunk = 1 << 14;
        var chunks = (count + chunk - 1) / chunk;
        Parallel.For(0, chunks, parallel, c => body(c * chunk, Math.Min(count, (c + 1) * chunk)));
    }
}
