using PredictiveLeads.Learning.Trees;

namespace PredictiveLeads.Learning.Tests.Trees;

public sealed class SubtreeLanesTests
{
    [Fact]
    public void Every_split_has_its_own_lane()
    {
        var lanes = Enumerable.Range(0, 63).Select(SubtreeLanes.LaneOf).ToArray();
        Assert.Equal(Enumerable.Range(0, 63), lanes.Order());
    }

    [Fact]
    public void Two_lookups_find_the_leaf_that_six_steps_down_the_tree_reach()
    {
        var random = new Random(5);
        for (var i = 0; i < 20_000; i++)
        {
            var levelOrder = (ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63);
            var at = 0;
            for (var level = 0; level < 6; level++)
                at = 2 * at + 1 + (int)((levelOrder >> at) & 1);
            var expected = at - 63;

            var lanes = 0UL;
            for (var position = 0; position < 63; position++)
                lanes |= ((levelOrder >> position) & 1) << SubtreeLanes.LaneOf(position);
            var upper = (int)(lanes & SubtreeLanes.Mask);
            var lower = (int)((lanes >> SubtreeLanes.LowerShifts[upper]) & SubtreeLanes.Mask);
            Assert.Equal(expected, SubtreeLanes.LowerFirstLeaves[upper] + SubtreeLanes.Paths[lower]);
        }
    }
}
