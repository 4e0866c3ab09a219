/** Lake zones and their lifecycle, shared by the DataLake of both clouds. */
export * from './lake-zones';
