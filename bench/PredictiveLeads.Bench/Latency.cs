using System.Diagnostics;
using PredictiveLeads.Learning.Common;
using PredictiveLeads.Learning.Data;
using PredictiveLeads.Learning.Models;
using PredictiveLeads.Learning.Preprocessing;

namespace PredictiveLeads.Bench;

/// <summary>
/// Single-row latency, as the peer kit measures it: 2,000 calls on rows chosen beforehand, timed one by one.
/// Unlike the peers' 50 warm-up calls, ours are warmed until the JIT has compiled the optimised code (see <see cref="Time"/>)
/// (a service runs in that steady state; a cold process is not what a user waits on). "Raw" scores a lead given as field name → text (parsing and preprocessing included);
/// "core" scores a row of features already computed.
/// </summary>
internal sealed record Latency(double RawP50Ms, double RawP99Ms, double CoreP50Ms, double CoreP99Ms, double CoreAllocatedBytesPerCall)
{
    private const int WarmUp = 50;
    private const int JitWarmUpCalls = 5000;
    private const int MaxRounds = 10;
    private static readonly TimeSpan JitWarmUpTime = TimeSpan.FromSeconds(3);

    public static Latency Measure(BinaryModel model, DataTable table, FeatureMatrix features, int calls, int seed)
    {
        var random = new DeterministicRandom((ulong)seed);
        var chosen = Enumerable.Range(0, calls + WarmUp).Select(_ => random.Next(table.RowCount)).ToArray();
        var rawRows = chosen.Select(r => (IReadOnlyDictionary<string, string?>)table.Columns.ToDictionary(c => c.Name, c => (string?)c.FormatValue(r))).ToArray();
        var featureRows = chosen.Select(r =>
        {
            var row = new double[features.FeatureCount];
            features.CopyRow(r, row);
            return row;
        }).ToArray();

        var buffer = new double[model.FeatureCount];
        var parser = new RowParser(model.Pipeline.ColumnKinds, model.Pipeline.MissingTokens);
        var raw = Time(calls, i =>
        {
            model.Pipeline.Transform(parser.Parse(rawRows[i]), buffer);
            return model.PredictProbability(buffer);
        });
        var core = Time(calls, i => model.PredictProbability(featureRows[i]));
        var before = GC.GetAllocatedBytesForCurrentThread();
        var sink = 0.0;
        foreach (var row in featureRows)
            sink += model.PredictProbability(row);
        var allocated = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)featureRows.Length;
        GC.KeepAlive(sink);
        return new Latency(Percentile(raw, 0.5), Percentile(raw, 0.99), Percentile(core, 0.5), Percentile(core, 0.99), Math.Round(allocated, 1));
    }

    /// <summary>
    /// Times <paramref name="calls"/> calls one by one after at least 5,000 calls and 3 seconds of warm-up, in rounds until
    /// two rounds in a row agree on the median within 10% (at most <see cref="MaxRounds"/>), and returns the last round.
    /// A fixed count of warm-up calls is not enough: the JIT recompiles hot methods in the background, and on a slow
    /// machine rounds after 5,000 calls still ran partly unoptimised code (X Education, 2026-12-03: 34, 15, then 7.5 µs
    /// a lead for every later round).
    /// </summary>
    private static double[] Time(int calls, Func<int, double> call)
    {
        var sink = 0.0;
        var warming = Stopwatch.StartNew();
        for (var i = 0; i < JitWarmUpCalls || warming.Elapsed < JitWarmUpTime; i++)
            sink += call(i % WarmUp);
        double[] milliseconds = [];
        var previousMedian = double.NaN;
        for (var round = 0; round < MaxRounds; round++)
        {
            for (var i = 0; i < WarmUp; i++)
                sink += call(i);
            milliseconds = new double[calls];
            for (var i = 0; i < calls; i++)
            {
                var start = Stopwatch.GetTimestamp();
                sink += call(WarmUp + i);
                milliseconds[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
            Array.Sort(milliseconds);
            var median = milliseconds[calls / 2];
            if (Math.Abs(median - previousMedian) <= 0.1 * previousMedian)
                break;
            previousMedian = median;
            Thread.Sleep(100);
        }
        GC.KeepAlive(sink);
        return milliseconds;
    }

    private static double Percentile(double[] sorted, double q) => Math.Round(sorted[(int)Math.Min(sorted.Length - 1, q * sorted.Length)], 5);
}
