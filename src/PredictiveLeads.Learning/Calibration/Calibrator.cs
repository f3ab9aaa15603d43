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

    /// <summary>Isotonic: block centres on the margin scale, ascending.</summary>
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

    private double Interpolate(double margin)
    {
        var xs = Margins;
        var ys = Probabilities;
        if (margin <= xs[0])
            return ys[0];
        if (margin >= xs[^1])
            return ys[^1];
        int low = 0, high = xs.Count - 1;
        while (high - low > 1)
        {
            var middle = (low + high) >>> 1;
            if (xs[middle] <= margin)
                low = middle;
            else
                high = middle;
        }
        var t = (margin - xs[low]) / (xs[high] - xs[low]);
        return ys[low] + t * (ys[high] - ys[low]);
    }
}
