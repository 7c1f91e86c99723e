using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scheduler.State.Entities;

namespace Scheduler.State.Configuration;

internal sealed class ConfigErrorRecordConfiguration : IEntityTypeConfiguration<ConfigErrorRecord>
{
    public void Configure(EntityTypeBuilder<ConfigErrorRecord> builder)
    {
        builder.ToTable("ConfigErrors");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedOnAdd();
        builder.Property(e => e.File).HasMaxLength(Lengths.Path);
        builder.Property(e => e.Code).HasMaxLength(Lengths.Code);
        builder.Property(e => e.Severity).HasMaxLength(Lengths.Code);
        builder.Property(e => e.TaskId).HasMaxLength(Lengths.TaskId);
    }
}
