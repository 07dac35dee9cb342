using ConsoleContext.Rules;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace ConsoleContext.Tests.Properties;

/// <summary>
/// R7/R11: the dedupe memory keeps <c>{prefix}-{n}</c> ids as runs and others as digests, yet remembers exactly the set a
/// plain first-in-first-out queue of the last <c>dedupe-capacity</c> ids would (a duplicate does not refresh its id),
/// also across snapshots, and still recognises run-form ids a snapshot written before runs stored as digests.
/// </summary>
[Properties(MaxTest = 300, Arbitrary = [typeof(EventIdMemorySpecs.Scripts)])]
public sealed class EventIdMemorySpecs
{
    /// <summary>Ids to add in order; a null step snapshots the memory and goes on with the restored copy.</summary>
    public sealed record DedupeScript(int Capacity, IReadOnlyList<string?> Steps)
    {
        public override string ToString() => $"capacity {Capacity}: {string.Join(' ', Steps.Select(s => s ?? "<snapshot>"))}";
    }

    /// <summary>The reference model: the last <see cref="Capacity"/> distinct ids, first in, first out.</summary>
    private sealed class Fifo(int capacity)
    {
        private readonly Queue<string> _order = new();
        public readonly HashSet<string> Set = new(StringComparer.Ordinal);

        public void Add(string id)
        {
            if (!Set.Add(id))
                return;
            _order.Enqueue(id);
            if (_order.Count > capacity)
                Set.Remove(_order.Dequeue());
        }
    }

    public static class Scripts
    {
        private static readonly string[] Prefixes = ["a", "b", "b7-x", "005xx0000012345"];

        // Ids near what came before: the next of a stream (most often), a repeat, a step back, a gap (an adversary's
        // p-1, p-3, p-5 ...), another form (plain, leading zero, sign, a part suffix, too big for a long, no prefix).
        private static Gen<Func<int, string>> Id =>
            from prefix in Gen.Elements(Prefixes)
            from kind in Gen.Frequency(
                (10, Gen.Constant(0)), (2, Gen.Constant(1)), (2, Gen.Constant(2)), (3, Gen.Constant(3)), (1, Gen.Constant(4)),
                (1, Gen.Constant(5)), (1, Gen.Constant(6)), (1, Gen.Constant(7)), (1, Gen.Constant(8)), (1, Gen.Constant(9)))
            from small in Gen.Choose(0, 6)
            select (Func<int, string>)(step => kind switch
            {
                0 => $"{prefix}-{step}",
                1 => $"{prefix}-{Math.Max(0, step - small)}",
                2 => $"{prefix}-{small}",
                3 => $"{prefix}-{2 * step + 1}",
                4 => $"plain{small}",
                5 => $"{prefix}-0{small}",
                6 => $"{prefix}-+{small}",
                7 => $"{prefix}-{small}#1",
                8 => $"{prefix}-9223372036854775807{small}",
                _ => $"-{small}",
            });

        public static Arbitrary<DedupeScript> DedupeScript()
        {
            var gen =
                from capacity in Gen.Frequency((3, Gen.Choose(1, 4)), (2, Gen.Choose(5, 12)), (1, Gen.Choose(13, 40)))
                from ids in Id.ListOf()
                from snapshots in Gen.Choose(0, 19).ListOf()
                select new DedupeScript(capacity, Steps(ids, snapshots));
            return Arb.From(gen, Shrink);
        }

        private static List<string?> Steps(IEnumerable<Func<int, string>> ids, IEnumerable<int> snapshots)
        {
            var steps = new List<string?>();
            using var dice = snapshots.GetEnumerator();
            foreach (var (id, step) in ids.Select((id, i) => (id, i)))
            {
                steps.Add(id(step / 2));
                if (dice.MoveNext() && dice.Current == 0)
                    steps.Add(null);
            }
            return steps;
        }

        private static IEnumerable<DedupeScript> Shrink(DedupeScript script)
        {
            for (var i = script.Steps.Count - 1; i >= 0; i--)
                yield return script with { Steps = [.. script.Steps.Where((_, j) => j != i)] };
        }
    }

    [Property]
    public void The_remembered_set_is_exactly_the_last_capacity_ids_first_in_first_out(DedupeScript script)
    {
        var memory = new EventIdMemory(script.Capacity);
        var reference = new Fifo(script.Capacity);
        var probes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var step in script.Steps)
        {
            if (step is null)
            {
                memory = EventIdMemory.FromBytes(memory.ToBytes(), script.Capacity, memory.Runs());
            }
            else
            {
                Assert.Equal(reference.Set.Contains(step), memory.Contains(step));
                memory.Add(step);
                reference.Add(step);
                probes.Add(step);
            }
            Assert.Equal(reference.Set.Count, memory.Count);
            foreach (var probe in probes)
                Assert.True(reference.Set.Contains(probe) == memory.Contains(probe), $"{probe} remembered: {memory.Contains(probe)}");
        }
    }

    [Property]
    public void Restored_with_a_smaller_capacity_it_keeps_the_newest_ids(DedupeScript script)
    {
        var memory = new EventIdMemory(script.Capacity);
        var added = new List<string>();
        foreach (var step in script.Steps.OfType<string>())
        {
            if (!memory.Contains(step))
                added.Add(step);
            memory.Add(step);
        }
        var smaller = Math.Max(1, script.Capacity / 2);
        var restored = EventIdMemory.FromBytes(memory.ToBytes(), smaller, memory.Runs());
        var kept = added.TakeLast(Math.Min(smaller, memory.Count)).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(kept.Count, restored.Count);
        Assert.All(added, id => Assert.Equal(kept.Contains(id), restored.Contains(id)));
    }

    [Fact]
    public void A_stream_in_order_costs_one_run_and_an_adversary_skipping_ids_costs_digests_not_a_run_per_id()
    {
        var memory = new EventIdMemory(10_000);
        for (var seq = 1; seq <= 20_000; seq++)
            memory.Add($"b7-{seq}");
        Assert.Equal((10_000, 1, 0), (memory.Count, memory.RunCount, memory.ToBytes().Length));
        Assert.True(memory.Contains("b7-10001") && memory.Contains("b7-20000"));
        Assert.False(memory.Contains("b7-10000") || memory.Contains("b7-20001"));

        var adversary = new EventIdMemory(10_000);
        for (var seq = 1; seq <= 30_000; seq += 2)
            adversary.Add($"p-{seq}");
        Assert.Equal((10_000, 0, 80_000), (adversary.Count, adversary.RunCount, adversary.ToBytes().Length));
        Assert.True(adversary.Contains("p-29999") && !adversary.Contains("p-29998") && !adversary.Contains("p-9999"));
    }

    [Fact]
    public void Run_form_ids_that_a_snapshot_written_before_runs_stored_as_digests_are_still_recognised()
    {
        var digests = new[] { "s-1", "s-2", "s-3" }.SelectMany(id => BitConverter.GetBytes(EventIdMemory.Digest(id))).ToArray();

        var memory = EventIdMemory.FromBytes(digests, 4);

        Assert.True(memory.Contains("s-1") && memory.Contains("s-3"));
        memory.Add("s-4");
        memory.Add("s-5");
        Assert.Equal(1, memory.RunCount);
        Assert.False(memory.Contains("s-1"));
        Assert.True(memory.Contains("s-2") && memory.Contains("s-3") && memory.Contains("s-5"));
    }
}
