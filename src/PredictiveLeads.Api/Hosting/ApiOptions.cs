using System.ComponentModel.DataAnnotations;
using PredictiveLeads.Scoring.Live;

namespace PredictiveLeads.Api.Hosting;

/// <summary>Where the model bundles are and how often a new active version is looked for.</summary>
public sealed class ModelOptions
{
    public const string Section = "Models";

    /// <summary>The registry folder; relative paths are looked up from the content root and its parents.</summary>
    [Required]
    public string Registry { get; set; } = "models";

    /// <summary>The model name in the registry whose <c>current</c> version is served.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9_.-]*$")]
    public string Name { get; set; } = "default";

    /// <summary>How often the registry's <c>current</c> pointer is checked for a new version.</summary>
    [Range(0.1, 3600)]
    public double ReloadSeconds { get; set; } = 2;
}

/// <summary>Where predictions and outcomes are stored.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Folder of the embedded SQLite database (created on first start).</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>When set, predictions and outcomes go to this PostgreSQL database instead of SQLite.</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>
    /// For the embedded SQLite store: the most the database file may grow to, in MB; writes beyond it fail (503, and
    /// readiness says so) before the disk fills up. Unset: no limit but the disk's.
    /// </summary>
    [Range(1, 10_000_000)]
    public int? MaxDatabaseMegabytes { get; set; }
}

/// <summary>Scoring limits and grade bands.</summary>
public sealed class ScoringOptions
{
    public const string Section = "Scoring";

    [Range(1, 100_000)]
    public int BatchLimit { get; set; } = 1000;

    /// <summary>
    /// How many recently scored leads an instance remembers, so a rescoring says what changed without reading the log
    /// (under 1 KB each with two outcomes; up to twice as many are held). Only with a log no other instance writes (SQLite); 0 reads the log every time.
    /// </summary>
    [Range(0, 10_000_000)]
    public int RememberedLeads { get; set; } = 10_000;

    /// <summary>Probabilities at or above these are graded A, B, C; below C is D.</summary>
    [Range(0.0, 1.0)]
    public double GradeA { get; set; } = 0.5;

    [Range(0.0, 1.0)]
    public double GradeB { get; set; } = 0.25;

    [Range(0.0, 1.0)]
    public double GradeC { get; set; } = 0.1;

    /// <summary>
    /// <c>probability</c>: graded by the fixed cut-offs above, the same for every outcome. <c>share</c>: by shares of the
    /// served version's test leads, per outcome (the most likely <see cref="GradeShareA"/> are A, the next
    /// <see cref="GradeShareB"/> B, the next <see cref="GradeShareC"/> C).
    /// </summary>
    [RegularExpression("^(probability|share)$", ErrorMessage = "Scoring:GradeBy must be probability or share")]
    public string GradeBy { get; set; } = "probability";

    [Range(0.001, 1.0)]
    public double GradeShareA { get; set; } = 0.1;

    [Range(0.001, 1.0)]
    public double GradeShareB { get; set; } = 0.2;

    [Range(0.001, 1.0)]
    public double GradeShareC { get; set; } = 0.3;

    public Grades FixedGrades => new(GradeA, GradeB, GradeC);

    public string Grade(double probability) => FixedGrades.Of(probability);
}
