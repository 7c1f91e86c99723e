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

        // A chained run is owed once per upstream end (or set of ends): writing it twice does nothing.
        builder.Property(r => r.UpstreamRunIds).HasMaxLength(Lengths.Name);
        builder.HasIndex(r => new { r.TaskId, r.UpstreamRunIds, r.Attempt }).IsUnique();

        // History pages walk one task's runs newest first by id (keyset paging).
        builder.HasIndex(r => new { r.TaskId, r.Id }).IsDescending(false, true);

        // A group's running and queued runs are counted and taken under its lock (RunStore.GroupClaims).
        builder.Property(r => r.ConcurrencyGroup).HasMaxLength(Lengths.Name);
        builder.HasIndex(r => new { r.ConcurrencyGroup, r.Status });

        // Start-up and the page look for running runs; few rows have that status.
        builder.HasIndex(r => r.Status);

        // No foreign key to Tasks on purpose: history outlives its definition, and system runs may be
        // recorded before their task row exists.
    }
}
