export const PACK_NAME = 'ecs-delivery-pack';
// Kept equal to package.json's version by a unit test.
export const PACK_VERSION = '0.1.0';
