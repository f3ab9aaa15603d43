using PredictiveLeads.Learning.Data;
using PredictiveLeads.Learning.Preprocessing;

namespace PredictiveLeads.Learning.Tests.Preprocessing;

public sealed class ColumnTransformTests
{
    [Fact]
    public void Date_parts_match_the_calendar()
    {
        var transform = new ColumnTransform { Column = "created_at", Kind = ColumnKind.DateTime, ReferenceDay = 19_000 };
        var parts = new double[3];
        for (var day = -700_000L; day <= 800_000; day += 37)
        {
            transform.WriteNumber(day + 0.25, parts);
            var date = DateTime.UnixEpoch.AddDays(day);
            Assert.Equal(day + 0.25 - 19_000, parts[0]);
            Assert.Equal(((int)date.DayOfWeek + 6) % 7, parts[1]);
            Assert.Equal(date.Month, parts[2]);
        }
    }

    [Fact]
    public void Unknown_levels_get_the_unseen_code()
    {
        var transform = new ColumnTransform { Column = "industry", Kind = ColumnKind.Categorical, Levels = ["Software", "Retail"] };

        Assert.Equal(1, transform.CodeOf("Retail"));
        Assert.Equal(3, transform.CodeOf("Mining"));
    }
}
