using PredictiveLeads.Learning.Calibration;
using PredictiveLeads.Learning.Common;
using PredictiveLeads.Learning.Metrics;

namespace PredictiveLeads.Learning.Tests.Calibration;

public sealed class CalibrationTests
{
    private static (double[] Margins, double[] Labels) Miscalibrated(int rows, int seed)
    {
        var random = new DeterministicRandom((ulong)seed);
        var margins = new double[rows];
        var labels = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            margins[i] = random.NextDouble() * 8 - 4;
            // The true log-odds are half the margin, shifted: an over-confident model.
            labels[i] = random.NextDouble() < 1 / (1 + Math.Exp(-(0.5 * margins[i] - 1))) ? 1 : 0;
        }
        return (margins, labels);
    }

    [Fact]
    public void Isotonic_output_is_monotone_in_the_margin()
    {
        var (margins, labels) = Miscalibrated(5000, 1);

        var calibrator = IsotonicRegression.Fit(margins, labels);

        var previous = double.NegativeInfinity;
        for (var m = -6.0; m <= 6; m += 0.01)
        {
            var p = calibrator.Probability(m);
            Assert.True(p >= previous, $"not monotone at {m}");
            Assert.InRange(p, 0, 1);
            previous = p;
        }
    }

    [Fact]
    public void Isotonic_pools_adjacent_violators()
    {
        var calibrator = IsotonicRegression.Fit([1, 2, 3, 4], [0, 1, 0, 1]);

        Assert.Equal([1.0, 2.5, 4], calibrator.Margins);
        Assert.Equal(0.5, calibrator.Probabilities[1]);
    }

    [Theory]
    [InlineData(CalibrationMethod.Platt)]
    [InlineData(CalibrationMethod.Isotonic)]
    public void Calibration_lowers_log_loss_of_an_over_confident_model(CalibrationMethod method)
    {
        var (fitMargins, fitLabels) = Miscalibrated(20_000, 2);
        var (margins, labels) = Miscalibrated(20_000, 3);

        var calibrator = method == CalibrationMethod.Platt ? PlattScaling.Fit(fitMargins, fitLabels) : IsotonicRegression.Fit(fitMargins, fitLabels);

        var raw = margins.Select(Calibrator.Identity.Probability).ToArray();
        var calibrated = margins.Select(calibrator.Probability).ToArray();
        Assert.True(ProbabilityMetrics.LogLoss(calibrated, labels) < ProbabilityMetrics.LogLoss(raw, labels) - 0.05);
        Assert.True(ProbabilityMetrics.Calibration(calibrated, labels).ExpectedCalibrationError < 0.02);
    }

    [Fact]
    public void Platt_recovers_the_true_slope_and_intercept()
    {
        var (margins, labels) = Miscalibrated(50_000, 4);

        var calibrator = PlattScaling.Fit(margins, labels);

        Assert.Equal(0.5, calibrator.Slope, 1);
        Assert.Equal(-1, calibrator.Intercept, 1);
    }
}
