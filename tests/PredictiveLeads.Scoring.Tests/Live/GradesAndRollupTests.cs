using PredictiveLeads.Scoring.Accounts;
using PredictiveLeads.Scoring.Live;

namespace PredictiveLeads.Scoring.Tests.Live;

public sealed class GradesAndRollupTests
{
    [Theory]
    [InlineData(0.9, "A")]
    [InlineData(0.5, "A")]
    [InlineData(0.4999, "B")]
    [InlineData(0.25, "B")]
    [InlineData(0.1, "C")]
    [InlineData(0.0999, "D")]
    [InlineData(0.0, "D")]
    [InlineData(double.NaN, "-")]
    public void A_probability_gets_the_grade_of_the_highest_cut_off_it_reaches(double probability, string grade) =>
        Assert.Equal(grade, new Grades(0.5, 0.25, 0.1).Of(probability));

    [Fact]
    public void The_roll_up_is_the_chance_that_at_least_one_contact_converts_and_a_contact_without_a_probability_adds_nothing()
    {
        Assert.Equal(1 - 0.5 * 0.8, ContactRollup.AnyContact([0.5, 0.2]), 12);
        Assert.Equal(1 - 0.5 * 0.8, ContactRollup.AnyContact([0.5, double.NaN, 0.2]), 12);
        Assert.Equal(0, ContactRollup.AnyContact([]));
        Assert.Equal(1, ContactRollup.AnyContact([0.3, 1.0]));
    }
}
