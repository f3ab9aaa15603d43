using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;

// Open-loop load at a fixed request rate, which wrk cannot do (wrk2 is not packaged here): request i is due
// at start + i / rate whether or not earlier ones have answered, and its latency runs from when it was due,
// so a stall shows up in the percentiles instead of quietly lowering the rate (coordinated omission).
// Usage: PredictiveLeads.LoadGen URL BODY.json KEY RATE SECONDS [WARMUP_SECONDS=2] [NAME]   (BODY "-" sends GETs)
if (args.Length < 5)
{
    Console.Error.WriteLine("usage: PredictiveLeads.LoadGen URL BODY.json KEY RATE SECONDS [WARMUP_SECONDS=2] [NAME]");
    return 2;
}
var url = new Uri(args[0]);
byte[]? body = args[1] == "-" ? null : File.ReadAllBytes(args[1]);
var key = args[2];
var rate = double.Parse(args[3], CultureInfo.InvariantCulture);
var seconds = double.Parse(args[4], CultureInfo.InvariantCulture);
var warmup = args.Length > 5 ? double.Parse(args[5], CultureInfo.InvariantCulture) : 2;
var name = args.Length > 6 ? args[6] : url.PathAndQuery;

using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, UseCookies = false }) { Timeout = TimeSpan.FromSeconds(10) };
var warmupCount = (long)(rate * warmup);
var total = warmupCount + (long)(rate * seconds);
var latencies = new double[total];
var failures = 0;
var ticksPerRequest = Stopwatch.Frequency / rate;
var pending = new List<Task>((int)Math.Min(total, int.MaxValue));

async Task Send(long index, long due)
{
    try
    {
        using var request = new HttpRequestMessage(body is null ? HttpMethod.Get : HttpMethod.Post, url);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        request.Headers.Add("X-Api-Key", key);
        using var response = await client.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        if (!response.IsSuccessStatusCode)
            Interlocked.Increment(ref failures);
    }
    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
    {
        Interlocked.Increment(ref failures);
    }
    latencies[index] = (Stopwatch.GetTimestamp() - due) * 1000.0 / Stopwatch.Frequency;
}

const double SpinBelowMilliseconds = 0.2;
var start = Stopwatch.GetTimestamp();
long next = 0;
while (next < total)
{
    var now = Stopwatch.GetTimestamp();
    for (; next < total && start + (long)(next * ticksPerRequest) <= now; next++)
    {
        var (index, due) = (next, start + (long)(next * ticksPerRequest));
        pending.Add(Task.Run(() => Send(index, due)));
    }
    var untilNext = (start + (long)(next * ticksPerRequest) - Stopwatch.GetTimestamp()) * 1000.0 / Stopwatch.Frequency;
    // Sleep most of the gap and spin only its last moments: sending on time without keeping one of the
    // machine's two cores busy, which would leave the server one core and inflate its latencies.
    if (untilNext > SpinBelowMilliseconds)
        PreciseSleep.For(TimeSpan.FromMilliseconds(untilNext - SpinBelowMilliseconds));
    else
        Thread.Yield();
}
var sent = Stopwatch.GetTimestamp();
await Task.WhenAll(pending);

var measured = latencies[(int)warmupCount..];
Array.Sort(measured);
double Percentile(double p) => measured[(int)Math.Min(measured.Length - 1, Math.Ceiling(p * measured.Length) - 1)];
var achieved = (total - warmupCount) / ((sent - start) / (double)Stopwatch.Frequency - warmup);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"| {name} | {rate:0} | {achieved:0} | {Percentile(0.5):0.00}ms | {Percentile(0.9):0.00}ms | {Percentile(0.99):0.00}ms | {Percentile(0.999):0.00}ms | {measured[^1]:0.00}ms | {failures} |"));
return 0;
