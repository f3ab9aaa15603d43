using System.Text.Json.Serialization;
using PredictiveLeads.Learning.Calibration;
using PredictiveLeads.Learning.Linear;
using PredictiveLeads.Learning.Models;
using PredictiveLeads.Learning.Preprocessing;
using PredictiveLeads.Learning.Trees;

namespace PredictiveLeads.Learning.Serialization;

/// <summary>
/// The saved form of a <see cref="BinaryModel"/>: plain data, in a fixed order, with a format name and version.
/// A model trained through ML.NET keeps its trees and calibrator in its ML.NET model file (<see cref="ModelFile"/>);
/// this document then holds the preprocessing and, per tree, how many training rows reached each node and leaf
/// (which TreeSHAP needs and ML.NET does not keep).
/// </summary>
internal sealed record ModelDocument
{
    public const string FormatName = "predictiveleads.binary-model";
    public const int CurrentVersion = 2;

    public string Format { get; init; } = FormatName;
    public int FormatVersion { get; init; } = CurrentVersion;
    public required string Label { get; init; }
    public string? IdColumn { get; init; }
    public required LearnerKind Learner { get; init; }
    public required IReadOnlyList<string> MissingTokens { get; init; }
    public required IReadOnlyList<ColumnTransform> Columns { get; init; }
    public required IReadOnlyList<string> FeatureNames { get; init; }
    public required IReadOnlyDictionary<string, string> Parameters { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ModelFile { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<TreeCovers>? TreeCovers { get; init; }
    public double BaseMargin { get; init; }
    public IReadOnlyList<RegressionTree>? Trees { get; init; }
    public LogisticModel? Logistic { get; init; }
    public Calibrator? Calibrator { get; init; }
}

/// <summary>Training rows that reached each node and each leaf of one tree.</summary>
internal sealed record TreeCovers(double[] Nodes, double[] Leaves);
