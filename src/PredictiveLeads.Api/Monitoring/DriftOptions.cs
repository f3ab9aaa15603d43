using System.ComponentModel.DataAnnotations;

namespace PredictiveLeads.Api.Monitoring;

/// <summary>Drift per field: when it is announced (<c>model.drift</c>) and how often the running counts are stored.</summary>
public sealed class DriftOptions
{
    public const string Section = "Drift";

    /// <summary>A field whose PSI reaches this is announced once per version (0.25 is the usual "large shift").</summary>
    [Range(0.01, 100)]
    public double Threshold { get; set; } = 0.25;

    /// <summary>Scored leads a version needs before its fields' PSI is trusted enough to announce.</summary>
    [Range(1, 100_000_000)]
    public int MinimumLeads { get; set; } = 1000;

    /// <summary>How often this instance adds its counts to the database's (and checks for drift).</summary>
    [Range(0.05, 3600)]
    public double FlushSeconds { get; set; } = 10;
}
