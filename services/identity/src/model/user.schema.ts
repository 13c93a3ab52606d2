import { Schema } from 'mongoose';

export interface UserDoc {
  _id: string;
  firstName: string;
  email: string;
  passwordHash: string;
  restricted: boolean;
  createdAt: Date;
}

export const userSchema = new Schema<UserDoc>(
  {
    _id: { type: String, required: true },
    firstName: { type: String, required: true },
    email: { type: String, required: true, unique: true },
    passwordHash: { type: String, required: true },
    restricted: { type: Boolean, default: false },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'users' },
);
