using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scheduler.State.Entities;

namespace Scheduler.State.Configuration;

internal sealed class RunRecordConfiguration : IEntityTypeConfiguration<RunRecord>
{
    public void Configure(EntityTypeBuilder<RunRecord> builder)
    {
        builder.ToTable("Runs");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedOnAdd();
        builder.Property(r => r.TaskId).HasMaxLength(Lengths.TaskId);
        builder.Property(r => r.Trigger).HasMaxLength(Lengths.Code);
        builder.Property(r => r.Status).HasMaxLength(Lengths.Code);
        builder.Property(r => r.Revision).HasMaxLength(Lengths.Hash);
        builder.Property(r => r.Instance).HasMaxLength(Lengths.Name);

        // The exactly-once claim: a second insert of the same slot and attempt fails, and its caller does nothing.
        builder.HasIndex(r => new { r.TaskId, r.SlotUtc, r.Attempt }).IsUnique();

        // A chained run is owed once per upstream end (or set of ends): writing it twice does nothing. Only chained runs
        // have upstream ids, so the index holds only theirs: every other run's insert skips a b-tree ordered by task,
        // whose leaves a batch of thousands of claims otherwise touched all over the file (docs/performance.md).
        builder.Property(r => r.UpstreamRunIds).HasMaxLength(Lengths.Name);
        builder.HasIndex(r => new { r.TaskId, r.UpstreamRunIds, r.Attempt }).IsUnique().HasFilter("\"UpstreamRunIds\" IS NOT NULL");

        // History pages walk one task's runs newest first by id (keyset paging).
        builder.HasIndex(r => new { r.TaskId, r.Id }).IsDescending(false, true);

        // A group's running and queued runs are counted and taken under its lock (RunStore.GroupClaims). Every query of it
        // names a group (which implies NOT NULL, so both SQLite and PostgreSQL use the partial index); runs of no group
        // are left out, so their claims and ends do not write it.
        builder.Property(r => r.ConcurrencyGroup).HasMaxLength(Lengths.Name);
        builder.HasIndex(r => new { r.ConcurrencyGroup, r.Status }).HasFilter("\"ConcurrencyGroup\" IS NOT NULL");

        // Start-up and the page look for running runs (few rows have that status), the failures page and the retries for
        // failed ones. Left whole: a partial index of the open statuses would save one append per end (about 1 us of
        // 55 measured), but SQLite uses a partial index only for a query that repeats its condition, and the failure
        // and retry queries would then read every run.
        builder.HasIndex(r => r.Status);

        // No foreign key to Tasks on purpose: history outlives its definition, and system runs may be
        // recorded before their task row exists.
    }
}
