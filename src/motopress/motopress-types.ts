/**
 * The MotoPress (`mphb/v1`, context `view`) objects the hotel sync reads, reduced to the fields it
 * needs, and the checks that turn untrusted JSON into them. Names are the plugin's own: units
 * carry `accommodation_type_id`, but a booking's reserved rooms say `accommodation` and
 * `accommodation_type` (no `_id`); stay dates are plain `Y-m-d` (never parse them with Date).
 * Titles are passed on as sent: a unit's title is WordPress-filtered (HTML entities, "Private: ").
 * A field of the wrong type is a protocol error, not a silent default: a NULL unit downstream is
 * exactly the incident (E) this sync exists to prevent.
 */

export interface MotopressAccommodationType {
  id: number;
  title: string;
  status: string;
}

export interface MotopressAccommodation {
  id: number;
  title: string;
  status: string;
  accommodation_type_id: number;
}

export interface MotopressCustomer {
  first_name: string;
  last_name: string;
  email: string;
  phone: string;
}

export interface MotopressReservedAccommodation {
  /** Unit id (kept even after the unit was deleted). */
  accommodation: number;
  /** Derived by the plugin: the unit's type, else the rate's, else 0. */
  accommodation_type: number;
}

export interface MotopressBooking {
  id: number;
  /** pending-user, pending-payment, pending, abandoned, confirmed or cancelled. */
  status: string;
  check_in_date: string;
  check_out_date: string;
  customer: MotopressCustomer;
  reserved_accommodations: MotopressReservedAccommodation[];
}

/** Why a value does not have the documented shape (`path` like `[3].customer.email`). */
export class ShapeError extends Error {}

type Obj = Record<string, unknown>;

function obj(value: unknown, path: string): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ShapeError(`${path} is not an object`);
  return value as Obj;
}

function str(o: Obj, key: string, path: string): string {
  const value = o[key];
  if (typeof value !== 'string') throw new ShapeError(`${path}.${key} is not a string`);
  return value;
}

function int(o: Obj, key: string, path: string, min: number): number {
  const value = o[key];
  if (!Number.isInteger(value) || (value as number) < min)
    throw new ShapeError(`${path}.${key} is not an integer >= ${min}`);
  return value as number;
}

function ymd(o: Obj, key: string, path: string): string {
  const value = str(o, key, path);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new ShapeError(`${path}.${key} is not a Y-m-d date`);
  return value;
}

export function parseAccommodationType(raw: unknown, path: string): MotopressAccommodationType {
  const o = obj(raw, path);
  return { id: int(o, 'id', path, 1), title: str(o, 'title', path), status: str(o, 'status', path) };
}

export function parseAccommodation(raw: unknown, path: string): MotopressAccommodation {
  const o = obj(raw, path);
  return {
    id: int(o, 'id', path, 1),
    title: str(o, 'title', path),
    status: str(o, 'status', path),
    accommodation_type_id: int(o, 'accommodation_type_id', path, 0),
  };
}

export function parseBooking(raw: unknown, path: string): MotopressBooking {
  const o = obj(raw, path);
  const c = obj(o.customer, `${path}.customer`);
  const cp = `${path}.customer`;
  const rooms = o.reserved_accommodations;
  if (!Array.isArray(rooms)) throw new ShapeError(`${path}.reserved_accommodations is not an array`);
  return {
    id: int(o, 'id', path, 1),
    status: str(o, 'status', path),
    check_in_date: ymd(o, 'check_in_date', path),
    check_out_date: ymd(o, 'check_out_date', path),
    customer: {
      first_name: str(c, 'first_name', cp),
      last_name: str(c, 'last_name', cp),
      email: str(c, 'email', cp),
      phone: str(c, 'phone', cp),
    },
    reserved_accommodations: rooms.map((r: unknown, i) => {
      const rp = `${path}.reserved_accommodations[${i}]`;
      const room = obj(r, rp);
      return {
        accommodation: int(room, 'accommodation', rp, 0),
        accommodation_type: int(room, 'accommodation_type', rp, 0),
      };
    }),
  };
}
