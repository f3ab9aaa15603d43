using Microsoft.ML;
using Microsoft.ML.Data;
using PredictiveLeads.Learning.Calibration;

namespace PredictiveLeads.Learning.MLNet;

/// <summary>The complete ML.NET model (raw fields → calibrated Probability) and the calibrator our scorer evaluates the same way.</summary>
internal sealed record MLNetCalibration(ITransformer Model, Calibrator Calibrator)
{
    /// <summary>
    /// Calibrates on the validation rows and appends the calibrator to the trained pipeline. Platt scaling is our
    /// fit, placed in the model as ML.NET's fixed Platt calibrator; isotonic is ML.NET's pool-adjacent-violators
    /// fit on the same rows; none is the plain sigmoid.
    /// </summary>
    public static MLNetCalibration Fit(BoostedTrees trained, CalibrationMethod method, double[] validationMargins, double[] validationLabels)
    {
        var calibrators = trained.Context.BinaryClassification.Calibrators;
        ITransformer calibrator = method switch
        {
            CalibrationMethod.Platt => FixedPlatt(calibrators, PlattScaling.Fit(validationMargins, validationLabels)).Fit(trained.ValidationScores),
            CalibrationMethod.Isotonic => calibrators.Isotonic(RawInput.LabelColumn).Fit(trained.ValidationScores),
            _ => FixedPlatt(calibrators, Calibrator.Identity with { Method = CalibrationMethod.Platt }).Fit(trained.ValidationScores),
        };
        var ours = ModelFile.Calibration(((ISingleFeaturePredictionTransformer<object>)calibrator).Model)
            ?? throw new InvalidOperationException("the calibrator has no counterpart in our scorer");
        IEnumerable<ITransformer> featurizer = trained.Featurizer is TransformerChain<ITransformer> chain ? chain : [trained.Featurizer];
        var model = new TransformerChain<ITransformer>([.. featurizer, trained.Predictor, calibrator]);
        return new MLNetCalibration(model, ours);
    }

    // ML.NET's Platt is 1 / (1 + exp(slope · score + offset)); ours is sigmoid(slope · margin + intercept).
    private static Microsoft.ML.Calibrators.FixedPlattCalibratorEstimator FixedPlatt(BinaryClassificationCatalog.CalibratorsCatalog calibrators, Calibrator platt) =>
        calibrators.Platt(slope: -platt.Slope, offset: -platt.Intercept);
}
