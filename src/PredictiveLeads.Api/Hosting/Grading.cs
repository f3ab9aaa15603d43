using PredictiveLeads.Scoring.Bundles;
using PredictiveLeads.Scoring.Live;

namespace PredictiveLeads.Api.Hosting;

/// <summary>
/// The grade cut-offs of a version, as configured (<see cref="ScoringOptions.GradeBy"/>): fixed probabilities, or shares
/// of the version's own test leads, per outcome. A version without readable test-lead scores cannot be graded by
/// shares: it is graded by the fixed cut-offs, and its model card and the log say so.
/// </summary>
public static class Grading
{
    public static GradeBook For(string directory, string version, ScoringOptions options, ILogger logger)
    {
        if (options.GradeBy != "share")
            return new GradeBook("probability", options.FixedGrades, new Dictionary<string, Grades>());
        var path = Path.Combine(directory, HoldoutScores.FileName);
        var (scores, problem) = File.Exists(path) ? HoldoutScores.TryLoad(path) : (null, "it has no test-lead scores");
        var byOutcome = new Dictionary<string, Grades>(StringComparer.Ordinal);
        foreach (var (outcome, held) in scores?.Outcomes ?? new Dictionary<string, HoldoutOutcome>())
        {
            if ((held.Model ?? held.Rules) is { Count: > 0 } probabilities)
                byOutcome[outcome] = Grades.AtShares(probabilities, options.GradeShareA, options.GradeShareB, options.GradeShareC);
        }
        if (byOutcome.Count == 0)
        {
            var reason = problem ?? "its test leads have no probabilities";
            logger.LogWarning("Scoring:GradeBy is share, but {Version} cannot be graded by shares ({Reason}): graded by the fixed probabilities", version, reason);
            return new GradeBook($"probability, because {version} cannot be graded by shares: {reason}", options.FixedGrades, byOutcome);
        }
        return new GradeBook($"share of the test leads: A the top {100 * options.GradeShareA:0.#}%, B the next {100 * options.GradeShareB:0.#}%, " +
            $"C the next {100 * options.GradeShareC:0.#}%", options.FixedGrades, byOutcome);
    }
}
