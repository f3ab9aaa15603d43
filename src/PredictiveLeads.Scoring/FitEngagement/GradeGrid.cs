namespace PredictiveLeads.Scoring.FitEngagement;

/// <summary>One cell of the fit × engagement grid on the test leads: how many with a known outcome fell in it, and how many of them converted.</summary>
public sealed record GradeGridCell(string Fit, int Engagement, int Leads, int Converted)
{
    public double? Rate => Leads == 0 ? null : Math.Round(Converted / (double)Leads, 6);
}

/// <summary>The 4 × 4 grid of fit and engagement grades, A1 first, engagement varying fastest.</summary>
public static class GradeGrid
{
    /// <param name="fit">Each test lead's fit grade (1–4).</param>
    /// <param name="engagement">Each test lead's engagement grade (1–4).</param>
    /// <param name="actual">Whether each test lead converted; null when unknown (not counted).</param>
    public static IReadOnlyList<GradeGridCell> Of(IReadOnlyList<int> fit, IReadOnlyList<int> engagement, IReadOnlyList<int?> actual)
    {
        if (fit.Count != actual.Count || engagement.Count != actual.Count)
            throw new ArgumentException($"grades ({fit.Count}, {engagement.Count}) and outcomes ({actual.Count}) must be given for the same leads");
        var leads = new int[GroupGrades.Count, GroupGrades.Count];
        var converted = new int[GroupGrades.Count, GroupGrades.Count];
        for (var i = 0; i < actual.Count; i++)
        {
            if (actual[i] is not { } outcome)
                continue;
            leads[fit[i] - 1, engagement[i] - 1]++;
            converted[fit[i] - 1, engagement[i] - 1] += outcome;
        }
        var cells = new List<GradeGridCell>(GroupGrades.Count * GroupGrades.Count);
        for (var f = 0; f < GroupGrades.Count; f++)
        {
            for (var e = 0; e < GroupGrades.Count; e++)
                cells.Add(new GradeGridCell(FitEngagementCell.FitGrade(f + 1), e + 1, leads[f, e], converted[f, e]));
        }
        return cells;
    }
}
