using PredictiveLeads.Scoring.Live;

namespace PredictiveLeads.Scoring.Tests.Live;

public sealed class ReasonSentencesTests
{
    [Fact]
    public void A_reason_reads_the_same_whether_scored_now_or_read_back_from_the_log_except_for_the_value_the_log_does_not_keep()
    {
        Assert.Equal("industry is Software, which raises the chance of became_sql (+0.42 log-odds)",
            ReasonSentences.For("became_sql", "industry", 0.4213, FieldValue.Shown("Software")));
        Assert.Equal("industry is unknown, which lowers the chance of became_sql (-1.50 log-odds)",
            ReasonSentences.For("became_sql", "industry", -1.5, FieldValue.Missing));
        Assert.Equal("industry raises the chance of became_sql (+0.42 log-odds)",
            ReasonSentences.For("became_sql", "industry", 0.4213, FieldValue.NotKept));
    }
}
