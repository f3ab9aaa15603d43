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
    /// <param name="ml">The context the learner was trained in.</param>
    /// <param name="featurizer">Raw fields → the learner's input.</param>
    /// <param name="predictor">The trained learner.</param>
    /// <param name="validationScores">The validation rows scored by the learner (with labels).</param>
    /// <param name="method">How to calibrate.</param>
    /// <param name="validationMargins">Our margins of the validation rows (ML.NET's scores in double precision).</param>
    /// <param name="validationLabels">Their outcomes.</param>
    public static MLNetCalibration Fit(MLContext ml, ITransformer featurizer, ITransformer predictor, IDataView validationScores,
        CalibrationMethod method, double[] validationMargins, double[] validationLabels)
    {
        var calibrators = ml.BinaryClassification.Calibrators;
        ITransformer calibrator = method switch
        {
            CalibrationMethod.Platt => FixedPlatt(calibrators, PlattScaling.Fit(validationMargins, validationLabels)).Fit(validationScores),
            CalibrationMethod.Isotonic => calibrators.Isotonic(RawInput.LabelColumn).Fit(validationScores),
            _ => FixedPlatt(calibrators, Calibrator.Identity with { Method = CalibrationMethod.Platt }).Fit(validationScores),
        };
        var ours = ModelFile.Calibration(((ISingleFeaturePredictionTransformer<object>)calibrator).Model)
            ?? throw new InvalidOperationException("the calibrator has no counterpart in our scorer");
        IEnumerable<ITransformer> steps = featurizer is TransformerChain<ITransformer> chain ? chain : [featurizer];
        var model = new TransformerChain<ITransformer>([.. steps, predictor, calibrator]);
        return new MLNetCalibration(model, ours);
    }

    // ML.NET's Platt is 1 / (1 + exp(slope · score + offset)); ours is sigmoid(slope · margin + intercept).
    private static Microsoft.ML.Calibrators.FixedPlattCalibratorEstimator FixedPlatt(BinaryClassificationCatalog.CalibratorsCatalog calibrators, Calibrator platt) =>
        calibrators.Platt(slope: -platt.Slope, offset: -platt.Intercept);
}
