import { Schema } from 'mongoose';
import type { PlatformRole } from '@verbatim/kit';

export interface UserDoc {
  _id: string;
  firstName: string;
  email: string;
  passwordHash: string;
  restricted: boolean;
  /** Art. 21 objections recorded through rights requests; COMMUNICATION: no mail the law does not require. */
  objections?: string[];
  /** When the user proved they read mail at `email` (the verification link); absent until then. */
  emailVerifiedAt?: Date;
  /** Platform staff roles (SUPPORT, DPO, PLATFORM_ADMIN); absent for client users. */
  platformRoles?: PlatformRole[];
  /** The privacy-policy version accepted at registration or acknowledged since, and when. */
  policyAcceptance?: { version: number; at: Date };
  createdAt: Date;
}

export const userSchema = new Schema<UserDoc>(
  {
    _id: { type: String, required: true },
    firstName: { type: String, required: true },
    email: { type: String, required: true, unique: true },
    passwordHash: { type: String, required: true },
    restricted: { type: Boolean, default: false },
    objections: { type: [String], default: undefined },
    emailVerifiedAt: { type: Date },
    platformRoles: { type: [String], default: undefined },
    policyAcceptance: { type: { _id: false, version: Number, at: Date }, default: undefined },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'users' },
);

userSchema.index({ platformRoles: 1 }, { sparse: true });
