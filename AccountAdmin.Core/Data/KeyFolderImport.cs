using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Core.Data;

public static class KeyFolderImport
{
    /// <summary>
    /// Copies the keys of an install that kept them in a folder into the database, once (while it holds none), so that
    /// the cookies and links they signed keep working after the upgrade. Returns how many were copied.
    /// </summary>
    public static async Task<int> ImportAsync(AccountAdminDbContext db, string folder, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(folder) || await db.DataProtectionKeys.AnyAsync(cancellationToken))
        {
            return 0;
        }

        var files = Directory.GetFiles(folder, "key-*.xml");
        foreach (var file in files)
        {
            db.DataProtectionKeys.Add(new DataProtectionKey
            {
                FriendlyName = Path.GetFileNameWithoutExtension(file),
                Xml = await File.ReadAllTextAsync(file, cancellationToken),
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        return files.Length;
    }
}
