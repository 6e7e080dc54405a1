import type { FastifyError } from 'fastify';
import { ApiError } from '../../errors.ts';

// @fastify/multipart and busboy errors as this API's stable codes; anything else passes through.
export function multipartFailure(error: unknown, limitBytes: number): unknown {
  if (error instanceof ApiError || !(error instanceof Error)) return error;
  switch ((error as FastifyError).code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return new ApiError(413, 'file_too_large', `The file is larger than the ${limitBytes} bytes an upload may carry; split it and append the rest.`);
    case 'FST_FILES_LIMIT':
      return new ApiError(400, 'too_many_files', 'Send one file, in the part named file.');
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return new ApiError(400, 'too_many_parts', 'The form has more parts than this endpoint reads: send campaign and file only.');
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new ApiError(415, 'multipart_required', 'Send the file as multipart/form-data.');
    case 'FST_MP_PREMATURE_CLOSE':
      return new ApiError(400, 'upload_incomplete', 'The upload ended before the form was complete.');
    case 'FST_PROTO_VIOLATION':
    case 'FST_INVALID_JSON_FIELD_ERROR':
      return new ApiError(400, 'invalid_multipart', error.message);
  }
  // busboy's own parse errors ("Unexpected end of form", "Malformed part header"...).
  if (/multipart|form|part|boundary/i.test(error.message) && !(error as FastifyError).statusCode && !('severity' in error)) {
    return new ApiError(400, 'invalid_multipart', `The multipart body could not be read: ${error.message}.`);
  }
  return error;
}
