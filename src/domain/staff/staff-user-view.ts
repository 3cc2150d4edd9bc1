import type { staffUser } from '#src/db/schema/index.ts';
import type { StaffRole } from '#src/schemas/enums.ts';

type StaffUserRow = typeof staffUser.$inferSelect;

/** What the rest of the app may know about a staff member: never the password hash. */
export interface StaffUserView {
  id: number;
  email: string;
  displayName: string;
  role: StaffRole;
}

export function toStaffUserView(row: StaffUserRow): StaffUserView {
  return { id: row.id, email: row.email, displayName: row.displayName, role: row.role };
}

/**
 * The audit log's picture of an account. Built field by field rather than by dropping the hash
 * from the row, so a column added later cannot slip into the append-only log unseen.
 */
export function staffUserSnapshot(row: StaffUserRow) {
  return {
    email: row.email,
    displayName: row.displayName,
    role: row.role,
    disabledAt: row.disabledAt?.toISOString() ?? null,
  };
}
