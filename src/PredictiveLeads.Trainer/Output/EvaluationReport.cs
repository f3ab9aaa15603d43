using System.Globalization;
using PredictiveLeads.Learning.Metrics;

namespace PredictiveLeads.Trainer.Output;

/// <summary>The readable metrics printed by <c>evaluate</c>.</summary>
internal static class EvaluationReport
{
    public static void Write(TextWriter output, string label, string dataPath, ClassifierEvaluation e)
    {
        var c = CultureInfo.InvariantCulture;
        void Line(FormattableString text) => output.WriteLine(text.ToString(c));

        Line($"Evaluation of '{label}' on {dataPath}");
        Line($"  rows {e.Rows:N0}, positives {e.Positives:N0} ({e.PositiveRate:P2})");
        Line($"  ROC AUC             {e.RocAuc:F4}");
        Line($"  average precision   {e.AveragePrecision:F4}");
        Line($"  log loss            {e.LogLoss:F4}");
        Line($"  Brier score         {e.Brier:F4}");
        Line($"  calibration (ECE)   {e.ExpectedCalibrationError:F4}");
        output.WriteLine();
        Line($"  Reliability          rows   predicted   observed");
        foreach (var bin in e.Reliability.Where(b => b.Rows > 0))
            Line($"  {bin.Low:F1}-{bin.High:F1}      {bin.Rows,9:N0}   {bin.MeanPredicted,9:F3}   {bin.ObservedRate,8:F3}");
        output.WriteLine();
        Line($"  Decile   rows   positives    rate    lift   cumulative capture");
        foreach (var d in e.Deciles)
            Line($"  {d.Decile,6} {d.Rows,6:N0} {d.Positives,10:N0} {d.Rate,7:P1} {d.Lift,7:F2} {d.CumulativeCapture,12:P1}");
        output.WriteLine();
        foreach (var capture in e.Capture)
            Line($"  working the top {capture.ShareOfRows:P0} ({capture.Capacity:N0} leads) finds {capture.ShareOfPositivesFound:P1} of positives");
        output.WriteLine();
        var t = e.AtThreshold;
        Line($"  At threshold {t.Threshold:F2}: precision {t.Precision:F3}, recall {t.Recall:F3}, F1 {t.F1:F3}, accuracy {t.Accuracy:F3}");
        Line($"                      predicted 1   predicted 0");
        Line($"    actual 1          {t.TruePositives,11:N0}   {t.FalseNegatives,11:N0}");
        Line($"    actual 0          {t.FalsePositives,11:N0}   {t.TrueNegatives,11:N0}");
    }
}
