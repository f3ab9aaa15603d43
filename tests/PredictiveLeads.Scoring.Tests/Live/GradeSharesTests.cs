using PredictiveLeads.Scoring.Live;

namespace PredictiveLeads.Scoring.Tests.Live;

public sealed class GradeSharesTests
{
    [Fact]
    public void Shares_cut_at_the_last_lead_inside_each_share_and_ties_share_the_better_grade()
    {
        double[] probabilities = [.. Enumerable.Range(1, 100).Select(i => i / 100.0), double.NaN];

        var grades = Grades.AtShares(probabilities, 0.1, 0.2, 0.3);

        Assert.Equal((0.91, 0.71, 0.41), (grades.A, grades.B, grades.C));
        Assert.Equal(["A", "B", "C", "D", "-"], new[] { 0.95, 0.8, 0.5, 0.2, double.NaN }.Select(grades.Of));
        Assert.Equal("A", Grades.AtShares([0.3, 0.3, 0.3, 0.1], 0.25, 0.25, 0.25).Of(0.3));
    }

    [Fact]
    public void Shares_of_nothing_are_refused() =>
        Assert.Throws<ArgumentException>(() => Grades.AtShares([double.NaN], 0.1, 0.2, 0.3));
}
