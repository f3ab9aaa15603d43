using System.Globalization;

namespace PredictiveLeads.Bench;

/// <summary>The benchmark's command line, with the peer kit's settings as defaults.</summary>
internal sealed record BenchOptions(string Train, string Test, string Label)
{
    public string? Id { get; init; }
    public List<string> Drop { get; init; } = [];
    public List<string> Missing { get; init; } = [];
    public int Trees { get; init; } = 200;
    public int Depth { get; init; } = 6;
    public int Leaves { get; init; } = 63;
    public double LearningRate { get; init; } = 0.1;
    public int Bins { get; init; } = 255;
    public int Threads { get; init; } = 2;
    public int EarlyStopping { get; init; }
    public string Name { get; init; } = "ours";
    public string Learner { get; init; } = "lightgbm";
    public string? Tag { get; init; }
    /// <summary>"kit": the peer kit's settings above; "product": the trainer's own defaults (only threads and the seed kept).</summary>
    public string Settings { get; init; } = "kit";

    public static BenchOptions Parse(string[] args)
    {
        if (args.Length < 3)
            throw new ArgumentException("usage: TRAIN.csv TEST.csv LABEL [options]");
        var options = new BenchOptions(args[0], args[1], args[2]);
        for (var i = 3; i < args.Length; i += 2)
        {
            var value = args[i + 1];
            var c = CultureInfo.InvariantCulture;
            options = args[i] switch
            {
                "--id" => options with { Id = value },
                "--drop" => options with { Drop = [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries)] },
                "--missing" => options with { Missing = [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries)] },
                "--trees" => options with { Trees = int.Parse(value, c) },
                "--depth" => options with { Depth = int.Parse(value, c) },
                "--leaves" => options with { Leaves = int.Parse(value, c) },
                "--lr" => options with { LearningRate = double.Parse(value, c) },
                "--bins" => options with { Bins = int.Parse(value, c) },
                "--threads" => options with { Threads = int.Parse(value, c) },
                "--early-stopping" => options with { EarlyStopping = int.Parse(value, c) },
                "--name" => options with { Name = value },
                "--learner" => options with { Learner = value },
                "--tag" => options with { Tag = value },
                "--settings" when value is "kit" or "product" => options with { Settings = value },
                var other => throw new ArgumentException($"unknown option {other}"),
            };
        }
        return options;
    }
}
