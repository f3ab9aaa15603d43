using PredictiveLeads.Scoring.Bundles;
using PredictiveLeads.Scoring.Comparison;
using PredictiveLeads.Scoring.Funnel;

namespace PredictiveLeads.Scoring.Tests.Comparison;

public sealed class AccountContactsTests
{
    private static readonly DateTime Monday = new(2025, 3, 3, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void An_accounts_contacts_are_its_newest_logged_scores_then_its_test_leads_not_logged_since_and_they_roll_up()
    {
        LoggedContactScore[] logged =
        [
            new("a", Monday, "became_sql", 0.2, 40, FunnelStage.Lead),
            new("a", Monday.AddDays(1), "became_sql", 0.5, 70, FunnelStage.Mql),
            new("b", Monday, "became_sql", null, 10, FunnelStage.Lead),
        ];
        var holdout = new HoldoutScores
        {
            Ids = ["a", "c", "d"], Accounts = ["acme", "acme", "other"], RulePoints = [1, 2, 3], RuleStages = [FunnelStage.Lead, FunnelStage.Sql, FunnelStage.Lead],
            Outcomes = new Dictionary<string, HoldoutOutcome> { ["became_sql"] = new([1, 0, 1], [0.9, 0.4, 0.8], null) },
            Examples = [],
        };

        var contacts = AccountContacts.Of("acme", logged, holdout);
        var rollups = AccountContacts.Rollups(["became_sql"], contacts);

        Assert.Equal(["a", "b", "c"], contacts.Select(c => c.LeadId));
        Assert.Equal((ComparedLeads.LiveSource, 0.5, FunnelStage.Mql), (contacts[0].Source, contacts[0].Probabilities["became_sql"], contacts[0].RuleStage));
        Assert.Equal((ComparedLeads.HoldoutSource, 0.4, FunnelStage.Sql), (contacts[2].Source, contacts[2].Probabilities["became_sql"], contacts[2].RuleStage));
        Assert.Equal(new ContactsRollup("became_sql", Math.Round(1 - 0.5 * 0.6, 6), 2), rollups.Single());
    }
}
