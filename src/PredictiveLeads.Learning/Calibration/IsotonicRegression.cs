namespace PredictiveLeads.Learning.Calibration;

/// <summary>
/// Fits isotonic regression of outcomes on margins with pool-adjacent-violators: rows sorted by margin are
/// merged into blocks until block rates never decrease. Probabilities are kept away from 0 and 1 by half a
/// row so a calibrated score never claims certainty the data cannot support.
/// </summary>
public static class IsotonicRegression
{
    public static Calibrator Fit(ReadOnlySpan<double> margins, ReadOnlySpan<double> labels)
    {
        var order = Metrics.RankingMetrics.SortedOrder(margins);
        // Blocks as a stack: total margin, positives and rows; equal margins always share a block.
        var sumMargin = new List<double>();
        var sumLabel = new List<double>();
        var rows = new List<double>();
        var i = 0;
        while (i < order.Length)
        {
            double blockMargin = 0, blockLabel = 0, blockRows = 0;
            var start = i;
            while (i < order.Length && margins[order[i]] == margins[order[start]])
            {
                blockMargin += margins[order[i]];
                blockLabel += labels[order[i]] > 0.5 ? 1 : 0;
                blockRows++;
                i++;
            }
            sumMargin.Add(blockMargin);
            sumLabel.Add(blockLabel);
            rows.Add(blockRows);
            while (sumLabel.Count > 1 && sumLabel[^2] / rows[^2] >= sumLabel[^1] / rows[^1])
            {
                sumMargin[^2] += sumMargin[^1];
                sumLabel[^2] += sumLabel[^1];
                rows[^2] += rows[^1];
                sumMargin.RemoveAt(sumMargin.Count - 1);
                sumLabel.RemoveAt(sumLabel.Count - 1);
                rows.RemoveAt(rows.Count - 1);
            }
        }
        var floor = 0.5 / (margins.Length + 1);
        var centres = new double[rows.Count];
        var probabilities = new double[rows.Count];
        for (var b = 0; b < rows.Count; b++)
        {
            centres[b] = sumMargin[b] / rows[b];
            probabilities[b] = Math.Clamp(sumLabel[b] / rows[b], floor, 1 - floor);
        }
        return new Calibrator { Method = CalibrationMethod.Isotonic, Margins = centres, Probabilities = probabilities };
    }
}
