using PredictiveLeads.Scoring.Bundles;
using PredictiveLeads.Scoring.Funnel;
using PredictiveLeads.Scoring.Reports;

namespace PredictiveLeads.Scoring.Tests.Reports;

public sealed class BundleFilesTests
{
    private static readonly string DefaultBundle = Path.Combine(RepositoryRoot.Path, "models", "default", "v0001");

    [Fact]
    public void The_committed_report_reads_as_typed_records_and_writes_back_byte_for_byte()
    {
        var path = Path.Combine(DefaultBundle, TrainingReport.FileName);

        var (report, problem) = TrainingReport.TryLoad(DefaultBundle);

        Assert.Null(problem);
        Assert.Equal(["became_mql", "became_sql"], report!.Outcomes.Select(o => o.Label));
        var sql = report.Outcomes[1];
        Assert.Equal((FunnelStage.Sql, OutcomeSource.Model), (sql.Stage, sql.Source));
        Assert.InRange(sql.Served!.RocAuc!.Value, 0.7, 1);
        Assert.Equal(4000, report.Split.TestRows);
        Assert.Equal(File.ReadAllBytes(path), report.ToBytes());
    }

    [Fact]
    public void The_committed_metadata_reads_as_typed_records()
    {
        var (metadata, problem) = BundleMetadata.TryLoad(DefaultBundle);

        Assert.Null(problem);
        Assert.Equal(20000, metadata!.Data!.Rows);
        Assert.Equal("LightGbm", metadata.Parameters!["learner"].GetString());
        Assert.NotNull(metadata.TrainedAt);
    }

    [Fact]
    public void A_damaged_report_or_missing_metadata_is_a_problem_naming_the_file()
    {
        using var directory = new TempDirectory();
        var report = directory.Write(TrainingReport.FileName, """{ "rows": 10, "outcomes": [ """);

        Assert.Contains(report, TrainingReport.TryLoad(directory.Path).Problem);
        Assert.Contains(Path.Combine(directory.Path, BundleMetadata.FileName), BundleMetadata.TryLoad(directory.Path).Problem);
    }
}
