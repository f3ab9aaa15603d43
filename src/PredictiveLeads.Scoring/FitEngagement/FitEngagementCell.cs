namespace PredictiveLeads.Scoring.FitEngagement;

/// <summary>A lead's place in the fit × engagement grid: fit A–D (who the lead is) and engagement 1–4 (what it did), as "B2".</summary>
public readonly record struct FitEngagementCell(int Fit, int Engagement)
{
    public string FitLetter => FitGrade(Fit);

    /// <summary>"A1" … "D4", made once: every logged scoring names its cell.</summary>
    private static readonly string[,] Names = AllNames();

    public override string ToString() =>
        Fit is >= 1 and <= GroupGrades.Count && Engagement is >= 1 and <= GroupGrades.Count ? Names[Fit - 1, Engagement - 1] : $"{FitLetter}{Engagement}";

    private static string[,] AllNames()
    {
        var names = new string[GroupGrades.Count, GroupGrades.Count];
        for (var fit = 1; fit <= GroupGrades.Count; fit++)
        {
            for (var engagement = 1; engagement <= GroupGrades.Count; engagement++)
                names[fit - 1, engagement - 1] = $"{FitGrade(fit)}{engagement}";
        }
        return names;
    }

    public static string FitGrade(int grade) => ((char)('A' + grade - 1)).ToString();

    /// <summary>Reads "A1" … "D4" (either case); null when <paramref name="text"/> is not a cell.</summary>
    public static FitEngagementCell? Parse(string? text)
    {
        if (text is not { Length: 2 })
            return null;
        var fit = char.ToUpperInvariant(text[0]) - 'A' + 1;
        var engagement = text[1] - '0';
        return fit is >= 1 and <= GroupGrades.Count && engagement is >= 1 and <= GroupGrades.Count ? new FitEngagementCell(fit, engagement) : null;
    }
}
