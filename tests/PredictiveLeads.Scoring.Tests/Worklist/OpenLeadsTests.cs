using PredictiveLeads.Scoring.Funnel;
using PredictiveLeads.Scoring.Worklist;

namespace PredictiveLeads.Scoring.Tests.Worklist;

public sealed class OpenLeadsTests
{
    [Fact]
    public void A_stage_outcome_is_settled_by_its_stage_a_later_one_or_an_end_but_not_by_an_earlier_stage() =>
        Assert.Equal(["SQL", "Opportunity", "Won", "Lost", "Disqualified"], OpenLeads.SettlingRecords("became_sql", FunnelStage.Sql));

    [Fact]
    public void An_outcome_recorded_by_name_is_settled_by_either_value_or_an_end() =>
        Assert.Equal(["outcome:Converted=1", "outcome:Converted=0", "Lost", "Disqualified"], OpenLeads.SettlingRecords("Converted", null));
}
