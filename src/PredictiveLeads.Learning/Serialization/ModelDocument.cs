using PredictiveLeads.Learning.Calibration;
using PredictiveLeads.Learning.Linear;
using PredictiveLeads.Learning.Models;
using PredictiveLeads.Learning.Preprocessing;
using PredictiveLeads.Learning.Trees;

namespace PredictiveLeads.Learning.Serialization;

/// <summary>The saved form of a <see cref="BinaryModel"/>: plain data, in a fixed order, with a format name and version.</summary>
internal sealed record ModelDocument
{
    public const string FormatName = "predictiveleads.binary-model";
    public const int CurrentVersion = 1;

    public string Format { get; init; } = FormatName;
    public int FormatVersion { get; init; } = CurrentVersion;
    public required string Label { get; init; }
    public string? IdColumn { get; init; }
    public required LearnerKind Learner { get; init; }
    public required IReadOnlyList<string> MissingTokens { get; init; }
    public required IReadOnlyList<ColumnTransform> Columns { get; init; }
    public required IReadOnlyList<string> FeatureNames { get; init; }
    public required IReadOnlyDictionary<string, string> Parameters { get; init; }
    public double BaseMargin { get; init; }
    public IReadOnlyList<RegressionTree>? Trees { get; init; }
    public LogisticModel? Logistic { get; init; }
    public required Calibrator Calibrator { get; init; }
}
