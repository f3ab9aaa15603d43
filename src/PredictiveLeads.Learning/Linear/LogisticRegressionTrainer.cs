using PredictiveLeads.Learning.Objectives;
using PredictiveLeads.Learning.Preprocessing;

namespace PredictiveLeads.Learning.Linear;

/// <summary>
/// Fits L2-regularised logistic regression with L-BFGS. The objective is mean log loss plus
/// ‖w‖² / (2·C·n), the same as scikit-learn's with inverse strength C; the intercept is not penalised.
/// </summary>
public sealed class LogisticRegressionTrainer(double inverseStrength = 1.0, int maxIterations = 200, int threads = 1)
{
    private const int History = 10;

    public LogisticModel Train(FeatureMatrix matrix, double[] labels)
    {
        if (inverseStrength <= 0 || !double.IsFinite(inverseStrength))
            throw new InvalidOperationException($"the inverse regularisation strength must be positive, not {inverseStrength}");
        var encoding = LinearEncoding.Fit(matrix);
        var rows = matrix.RowCount;
        var slots = encoding.SlotsPerRow;
        var indices = new int[rows * slots];
        var values = new double[rows * slots];
        var row = new double[matrix.FeatureCount];
        for (var r = 0; r < rows; r++)
        {
            matrix.CopyRow(r, row);
            encoding.Encode(row, indices.AsSpan(r * slots, slots), values.AsSpan(r * slots, slots));
        }

        var dimension = encoding.InputCount + 1;
        var penalty = 1.0 / (inverseStrength * rows);
        var weights = new double[dimension];
        weights[^1] = LogisticLoss.BaseMargin(labels, 1.0);
        var objective = new Objective(indices, values, labels, slots, penalty, threads);
        Minimise(objective, weights);
        return new LogisticModel { Encoding = encoding, Intercept = weights[^1], Weights = weights[..^1] };
    }

    private void Minimise(Objective objective, double[] x)
    {
        var n = x.Length;
        var gradient = new double[n];
        var loss = objective.Evaluate(x, gradient);
        var s = new List<double[]>();
        var y = new List<double[]>();
        var direction = new double[n];
        var candidate = new double[n];
        var candidateGradient = new double[n];
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            TwoLoop(gradient, s, y, direction);
            var slope = Dot(direction, gradient);
            if (slope >= 0)
            {
                for (var i = 0; i < n; i++)
                    direction[i] = -gradient[i];
                slope = Dot(direction, gradient);
            }
            var step = 1.0;
            double candidateLoss;
            while (true)
            {
                for (var i = 0; i < n; i++)
                    candidate[i] = x[i] + step * direction[i];
                candidateLoss = objective.Evaluate(candidate, candidateGradient);
                if (candidateLoss <= loss + 1e-4 * step * slope || step < 1e-10)
                    break;
                step *= 0.5;
            }
            var sk = new double[n];
            var yk = new double[n];
            for (var i = 0; i < n; i++)
            {
                sk[i] = candidate[i] - x[i];
                yk[i] = candidateGradient[i] - gradient[i];
            }
            Array.Copy(candidate, x, n);
            Array.Copy(candidateGradient, gradient, n);
            var improvement = loss - candidateLoss;
            loss = candidateLoss;
            if (Dot(sk, yk) > 1e-12)
            {
                s.Add(sk);
                y.Add(yk);
                if (s.Count > History)
                {
                    s.RemoveAt(0);
                    y.RemoveAt(0);
                }
            }
            if (Math.Sqrt(Dot(gradient, gradient)) < 1e-6 || improvement < 1e-10 * Math.Max(1, Math.Abs(loss)))
                break;
        }
    }

    private static void TwoLoop(double[] gradient, List<double[]> s, List<double[]> y, double[] direction)
    {
        var n = gradient.Length;
        var q = (double[])gradient.Clone();
        var alpha = new double[s.Count];
        for (var k = s.Count - 1; k >= 0; k--)
        {
            alpha[k] = Dot(s[k], q) / Dot(y[k], s[k]);
            for (var i = 0; i < n; i++)
                q[i] -= alpha[k] * y[k][i];
        }
        var gamma = s.Count > 0 ? Dot(s[^1], y[^1]) / Dot(y[^1], y[^1]) : 1.0;
        for (var i = 0; i < n; i++)
            q[i] *= gamma;
        for (var k = 0; k < s.Count; k++)
        {
            var beta = Dot(y[k], q) / Dot(y[k], s[k]);
            for (var i = 0; i < n; i++)
                q[i] += s[k][i] * (alpha[k] - beta);
        }
        for (var i = 0; i < n; i++)
            direction[i] = -q[i];
    }

    private static double Dot(double[] a, double[] b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++)
            sum += a[i] * b[i];
        return sum;
    }

    /// <summary>Mean log loss plus the L2 penalty, and its gradient; summed in fixed chunks so results do not depend on threads.</summary>
    private sealed class Objective(int[] indices, double[] values, double[] labels, int slots, double penalty, int threads)
    {
        private const int Chunk = 1 << 14;

        public double Evaluate(double[] w, double[] gradient)
        {
            var rows = labels.Length;
            var chunks = (rows + Chunk - 1) / Chunk;
            var partialLoss = new double[chunks];
            var partialGradient = new double[chunks][];
            Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = threads }, c =>
            {
                var g = new double[w.Length];
                double loss = 0;
                var end = Math.Min(rows, (c + 1) * Chunk);
                for (var r = c * Chunk; r < end; r++)
                {
                    var margin = w[^1];
                    var start = r * slots;
                    for (var k = 0; k < slots; k++)
                        margin += w[indices[start + k]] * values[start + k];
                    var softplus = margin > 0 ? margin + double.LogP1(Math.Exp(-margin)) : double.LogP1(Math.Exp(margin));
                    loss += softplus - labels[r] * margin;
                    var d = LogisticLoss.Sigmoid(margin) - labels[r];
                    for (var k = 0; k < slots; k++)
                        g[indices[start + k]] += d * values[start + k];
                    g[^1] += d;
                }
                partialLoss[c] = loss;
                partialGradient[c] = g;
            });
            Array.Clear(gradient);
            double total = 0;
            for (var c = 0; c < chunks; c++)
            {
                total += partialLoss[c];
                for (var i = 0; i < gradient.Length; i++)
                    gradient[i] += partialGradient[c][i];
            }
            total /= rows;
            for (var i = 0; i < gradient.Length; i++)
                gradient[i] /= rows;
            for (var i = 0; i < gradient.Length - 1; i++)
            {
                total += 0.5 * penalty * w[i] * w[i];
                gradient[i] += penalty * w[i];
            }
            return total;
        }
    }
}
