using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scheduler.State.Entities;

namespace Scheduler.State.Configuration;

internal sealed class NotificationRecordConfiguration : IEntityTypeConfiguration<NotificationRecord>
{
    public void Configure(EntityTypeBuilder<NotificationRecord> builder)
    {
        builder.ToTable("Notifications");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).ValueGeneratedOnAdd();
        builder.Property(n => n.TaskId).HasMaxLength(Lengths.TaskId);
        builder.Property(n => n.Event).HasMaxLength(Lengths.Code);
        builder.Property(n => n.Target).HasMaxLength(Lengths.Name);
        builder.Property(n => n.Status).HasMaxLength(Lengths.Code);
        builder.Property(n => n.Instance).HasMaxLength(Lengths.Name);

        // The task page lists one task's notifications newest first.
        builder.HasIndex(n => new { n.TaskId, n.Id }).IsDescending(false, true);

        // /metrics counts by status; start-up settles this instance's pending ones.
        builder.HasIndex(n => new { n.Status, n.Instance });
    }
}
