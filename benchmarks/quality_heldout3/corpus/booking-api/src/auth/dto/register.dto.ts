import { IsEmail, IsNotEmpty, MinLength, Matches } from 'class-validator';

export enum AuthMethod {
  Password = 'password',
  ApiKey = 'api_key',
  Sso = 'sso',
}

export class RegisterDto {
  @IsEmail()
  email: string;

  @IsNotEmpty()
  @MinLength(12, { message: 'password must be at least 12 characters long' })
  @Matches(/\d/, { message: 'password must contain a digit' })
  password: string;

  @IsNotEmpty()
  passwordConfirmation: string;

  companyName?: string;
}
