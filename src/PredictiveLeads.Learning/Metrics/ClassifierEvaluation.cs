namespace PredictiveLeads.Learning.Metrics;

/// <summary>Every metric of a binary classifier on one labelled set, as reported by <c>evaluate</c>.</summary>
public sealed record ClassifierEvaluation
{
    public required int Rows { get; init; }
    public required long Positives { get; init; }
    public required double PositiveRate { get; init; }
    public required double RocAuc { get; init; }
    public required double AveragePrecision { get; init; }
    public required double LogLoss { get; init; }
    public required double Brier { get; init; }
    public required double ExpectedCalibrationError { get; init; }
    public required IReadOnlyList<ReliabilityBin> Reliability { get; init; }
    public required IReadOnlyList<DecileRow> Deciles { get; init; }
    public required IReadOnlyList<CaptureRow> Capture { get; init; }
    public required ThresholdMetrics AtThreshold { get; init; }

    /// <summary>Evaluates probabilities against 0/1 labels; <paramref name="threshold"/> is for the confusion matrix.</summary>
    public static ClassifierEvaluation Compute(ReadOnlySpan<double> probabilities, ReadOnlySpan<double> labels, double threshold = 0.5)
    {
        long positives = 0;
        foreach (var label in labels)
        {
            if (label > 0.5)
                positives++;
        }
        var calibration = ProbabilityMetrics.Calibration(probabilities, labels);
        var caught = TopCatch.Curve(probabilities, labels);
        var capture = new List<CaptureRow>();
        foreach (var share in (ReadOnlySpan<double>)[0.05, 0.10, 0.20, 0.30, 0.50])
        {
            var capacity = (int)Math.Ceiling(share * probabilities.Length);
            capture.Add(new CaptureRow(share, capacity, WorkloadMetrics.CaptureAt(caught, capacity)));
        }
        return new ClassifierEvaluation
        {
            Rows = probabilities.Length,
            Positives = positives,
            PositiveRate = (double)positives / Math.Max(1, probabilities.Length),
            RocAuc = RankingMetrics.RocAuc(probabilities, labels),
            AveragePrecision = RankingMetrics.AveragePrecision(probabilities, labels),
            LogLoss = ProbabilityMetrics.LogLoss(probabilities, labels),
            Brier = ProbabilityMetrics.Brier(probabilities, labels),
            ExpectedCalibrationError = calibration.ExpectedCalibrationError,
            Reliability = calibration.Bins,
            Deciles = WorkloadMetrics.Deciles(caught),
            Capture = capture,
            AtThreshold = ThresholdMetrics.Compute(probabilities, labels, threshold),
        };
    }
}

/// <summary>The share of all positives found when the top <see cref="Capacity"/> rows (a share of all rows) are worked.</summary>
public sealed record CaptureRow(double ShareOfRows, int Capacity, double ShareOfPositivesFound);
