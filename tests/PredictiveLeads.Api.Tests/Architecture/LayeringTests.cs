using System.Text.RegularExpressions;

namespace PredictiveLeads.Api.Tests.Architecture;

/// <summary>The API maps HTTP onto the lead domain (Scoring); it does not reach past it into the learning core.</summary>
public sealed partial class LayeringTests
{
    // The namespace, written in full or relative to PredictiveLeads (as in "Learning.Serialization.ModelFormatException").
    [GeneratedRegex(@"(?<![\w])(PredictiveLeads\.)?Learning\.(Data|Metrics|Serialization|Models|Trees|Explain|MLNet|Preprocessing|Calibration|Linear|Boosting|Common|Binning|Objectives|Training)\b")]
    private static partial Regex LearningNamespace();

    [Fact]
    public void No_API_source_file_uses_the_learning_core()
    {
        var api = Path.Combine(RepositoryRoot.Path, "src", "PredictiveLeads.Api");
        var offenders = SourceFiles.Under(api)
            .Where(f => File.ReadLines(f).Any(LearningNamespace().IsMatch))
            .Select(f => Path.GetRelativePath(api, f))
            .ToList();

        Assert.Empty(offenders);
        Assert.DoesNotContain("PredictiveLeads.Learning", File.ReadAllText(Path.Combine(api, "PredictiveLeads.Api.csproj")), StringComparison.Ordinal);
    }
}
