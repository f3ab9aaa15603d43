using PredictiveLeads.Learning.Objectives;

namespace PredictiveLeads.Learning.Calibration;

/// <summary>Which calibration maps margins to probabilities.</summary>
public enum CalibrationMethod
{
    /// <summary>The sigmoid of the margin, unchanged.</summary>
    None,

    /// <summary>Platt scaling: a sigmoid of an affine function of the margin.</summary>
    Platt,

    /// <summary>Isotonic regression (pool-adjacent-violators), interpolated between block centres.</summary>
    Isotonic,
}

/// <summary>
/// Maps a model margin to a calibrated probability. Fitted on rows the model was not trained on.
/// All parameters are plain data so the calibrator is saved with the model.
/// </summary>
public sealed record Calibrator
{
    public CalibrationMethod Method { get; init; }

    /// <summary>Platt: the slope applied to the margin.</summary>
    public double Slope { get; init; } = 1;

    /// <summary>Platt: the intercept added to the scaled margin.</summary>
    public double Intercept { get; init; }

    /// <summary>Isotonic: where each block starts on the margin scale, ascending; empty when blocks are points (see <see cref="Margins"/>).</summary>
    public IReadOnlyList<double> BlockStarts { get; init; } = [];

    /// <summary>Isotonic: where each block ends on the margin scale (its centre when blocks are points), ascending.</summary>
    public IReadOnlyList<double> Margins { get; init; } = [];

    /// <summary>Isotonic: the probability at each block centre, non-decreasing.</summary>
    public IReadOnlyList<double> Probabilities { get; init; } = [];

    public static Calibrator Identity { get; } = new() { Method = CalibrationMethod.None };

    public double Probability(double margin) => Method switch
    {
        CalibrationMethod.Platt => LogisticLoss.Sigmoid(Slope * margin + Intercept),
        CalibrationMethod.Isotonic => Interpolate(margin),
        _ => LogisticLoss.Sigmoid(margin),
    };

    /// <summary>Constant within a block, linear between the end of one block and the start of the next, constant beyond the ends.</summary>
    private double Interpolate(double margin)
    {
        var starts = BlockStarts.Count > 0 ? BlockStarts : Margins;
        var ends = Margins;
        var ys = Probabilities;
        if (margin <= starts[0])
            return ys[0];
        if (margin >= ends[^1])
            return ys[^1];
        // The first block that ends at or after the margin.
        int low = 0, high = ends.Count - 1;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (ends[middle] >= margin)
                high = middle;
            else
                low = middle + 1;
        }
        if (margin >= starts[low])
            return ys[low];
        var t = (margin - ends[low - 1]) / (starts[low] - ends[low - 1]);
        return ys[low - 1] + t * (ys[low] - ys[low - 1]);
    }
}
