using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scheduler.State.Entities;

namespace Scheduler.State.Configuration;

internal sealed class AuditRecordConfiguration : IEntityTypeConfiguration<AuditRecord>
{
    public void Configure(EntityTypeBuilder<AuditRecord> builder)
    {
        builder.ToTable("Audit");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedOnAdd();
        builder.Property(a => a.Action).HasMaxLength(Lengths.Code);
        builder.Property(a => a.TaskId).HasMaxLength(Lengths.TaskId);
        builder.Property(a => a.Actor).HasMaxLength(Lengths.Name);
        builder.Property(a => a.Result).HasMaxLength(Lengths.Name);
        builder.HasIndex(a => new { a.TaskId, a.Id });
    }
}
