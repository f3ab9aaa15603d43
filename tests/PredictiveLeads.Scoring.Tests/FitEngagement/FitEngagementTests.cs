using PredictiveLeads.Scoring.FitEngagement;

namespace PredictiveLeads.Scoring.Tests.FitEngagement;

public sealed class FitEngagementTests
{
    [Fact]
    public void Quarter_cutoffs_grade_each_quarter_of_the_test_leads_alike_and_ties_at_a_cutoff_get_the_better_grade()
    {
        double[] probabilities = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2];
        var grades = new GroupGrades { ModelFile = "x.fit.model.json", Fields = ["industry"], Cutoffs = GroupGrades.QuarterCutoffs(probabilities) };

        Assert.Equal([0.8, 0.6, 0.4], grades.Cutoffs);
        Assert.Equal([1, 1, 2, 2, 3, 3, 4, 4], probabilities.Select(grades.Grade));
        var tied = GroupGrades.QuarterCutoffs([0.5, 0.5, 0.5, 0.5, 0.1]);
        Assert.Equal(1, new GroupGrades { ModelFile = "", Fields = [], Cutoffs = tied }.Grade(0.5));
    }

    [Fact]
    public void The_grid_counts_leads_with_known_outcomes_per_cell_fit_down_engagement_across()
    {
        var grid = GradeGrid.Of([1, 1, 4, 2], [1, 1, 4, 3], [1, 0, 0, null]);

        Assert.Equal(16, grid.Count);
        Assert.Equal(("A", 1, 2, 1, (double?)0.5), (grid[0].Fit, grid[0].Engagement, grid[0].Leads, grid[0].Converted, grid[0].Rate));
        Assert.Equal(("D", 4, 1, 0), (grid[15].Fit, grid[15].Engagement, grid[15].Leads, grid[15].Converted));
        Assert.Equal(0, grid.Single(c => c.Fit == "B" && c.Engagement == 3).Leads);
        Assert.Null(grid[5].Rate);
    }

    [Theory]
    [InlineData("A1", "A1")]
    [InlineData("d4", "D4")]
    [InlineData("E1", null)]
    [InlineData("A5", null)]
    [InlineData("A", null)]
    [InlineData("A12", null)]
    public void A_cell_reads_as_a_fit_letter_and_an_engagement_digit(string text, string? expected) =>
        Assert.Equal(expected, FitEngagementCell.Parse(text)?.ToString());
}
